import { expect, it } from 'vitest';
import type { TotpRecord } from '../../../app/ports/totp-store.js';
import type { ContractContext } from './context.js';
import { at } from './fixtures.js';

function pending(overrides: Partial<TotpRecord> = {}): TotpRecord {
  return { userId: 'alice', secretSealed: 'v1.sealed', createdAt: at(0), confirmedAt: null, lastStep: 0, recoveryHashes: [], ...overrides };
}

/** TOTP second factors: pending then confirmed once, each time step and recovery code good once. */
export function totpContract(ctx: ContractContext): void {
  it('keeps a pending enrolment, replaces it while pending, and refuses to replace a confirmed one', async () => {
    expect(await ctx.store.getTotp('alice')).toBeUndefined();
    expect(await ctx.store.putPendingTotp(pending())).toBe(true);
    expect(await ctx.store.putPendingTotp(pending({ secretSealed: 'v1.other', createdAt: at(10) }))).toBe(true);
    expect(await ctx.store.getTotp('alice')).toEqual(pending({ secretSealed: 'v1.other', createdAt: at(10) }));

    expect(await ctx.store.confirmTotp('alice', at(20), 1_000, ['h1', 'h2'])).toBe(true);
    expect(await ctx.store.confirmTotp('alice', at(30), 1_001, ['h3'])).toBe(false);
    expect(await ctx.store.putPendingTotp(pending({ secretSealed: 'v1.attacker' }))).toBe(false);
    expect(await ctx.store.getTotp('alice')).toEqual(
      pending({ secretSealed: 'v1.other', createdAt: at(10), confirmedAt: at(20), lastStep: 1_000, recoveryHashes: ['h1', 'h2'] }),
    );
  });

  it('accepts a time step only above the last accepted one, and only once confirmed', async () => {
    await ctx.store.putPendingTotp(pending());
    expect(await ctx.store.acceptTotpStep('alice', 5)).toBe(false);
    await ctx.store.confirmTotp('alice', at(0), 59_000_000, []);
    expect(await ctx.store.acceptTotpStep('alice', 59_000_000)).toBe(false);
    expect(await ctx.store.acceptTotpStep('alice', 59_000_001)).toBe(true);
    expect(await ctx.store.acceptTotpStep('alice', 59_000_001)).toBe(false);
    expect(await ctx.store.acceptTotpStep('alice', 59_000_000)).toBe(false);
    expect((await ctx.store.getTotp('alice'))?.lastStep).toBe(59_000_001);
    expect(await ctx.store.acceptTotpStep('bob', 1)).toBe(false);
  });

  it('uses a recovery code once, even when two uses race', async () => {
    await ctx.store.putPendingTotp(pending());
    await ctx.store.confirmTotp('alice', at(0), 1, ['h1', 'h2', 'h3']);
    const both = await Promise.all([ctx.store.useTotpRecoveryCode('alice', 'h2'), ctx.store.useTotpRecoveryCode('alice', 'h2')]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await ctx.store.useTotpRecoveryCode('alice', 'h9')).toBe(false);
    expect((await ctx.store.getTotp('alice'))?.recoveryHashes).toEqual(['h1', 'h3']);
  });

  it('removes a second factor', async () => {
    await ctx.store.putPendingTotp(pending());
    expect(await ctx.store.deleteTotp('alice')).toBe(true);
    expect(await ctx.store.deleteTotp('alice')).toBe(false);
    expect(await ctx.store.getTotp('alice')).toBeUndefined();
  });
}
