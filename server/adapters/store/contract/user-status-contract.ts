import { expect, it } from 'vitest';
import type { ContractContext } from './context.js';
import { at } from './fixtures.js';

/** Deactivated people. */
export function userStatusContract(ctx: ContractContext): void {
  it('deactivates a person once, keeps the first record, and reactivates them', async () => {
    expect(await ctx.store.findUserDeactivation('alice')).toBeUndefined();
    await ctx.store.deactivateUser({ userId: 'alice', deactivatedAt: at(10), deactivatedBy: 'root' });
    await ctx.store.deactivateUser({ userId: 'alice', deactivatedAt: at(99), deactivatedBy: null });
    expect(await ctx.store.findUserDeactivation('alice')).toEqual({ userId: 'alice', deactivatedAt: at(10), deactivatedBy: 'root' });
    expect(await ctx.store.findUserDeactivation('bob')).toBeUndefined();
    await ctx.store.reactivateUser('alice');
    await ctx.store.reactivateUser('alice');
    expect(await ctx.store.findUserDeactivation('alice')).toBeUndefined();
  });

  it('rolls a deactivation back with its transaction', async () => {
    await expect(
      ctx.store.transaction(async (tx) => {
        await tx.deactivateUser({ userId: 'bob', deactivatedAt: at(5), deactivatedBy: null });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await ctx.store.findUserDeactivation('bob')).toBeUndefined();
  });
}
