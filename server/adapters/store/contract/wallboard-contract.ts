import { expect, it } from 'vitest';
import type { WallboardTokenRecord } from '../../../app/ports/wallboard-store.js';
import type { ContractContext } from './context.js';
import { at, makeAlert, makeIncident, makePage } from './fixtures.js';
import { newId } from '../ids.js';

function makeWallboardToken(overrides: Partial<WallboardTokenRecord> = {}): WallboardTokenRecord {
  return { id: newId(), name: 'NOC wall', tokenHash: `hash-${newId()}`, createdBy: 'alice', createdAt: at(0), revokedAt: null, ...overrides };
}

/** Wallboard tokens, and the bulk reads the wallboard statistics are computed from. */
export function wallboardContract(ctx: ContractContext): void {
  it('keeps wallboard tokens by hash, lists them oldest first and revokes them once', async () => {
    const first = makeWallboardToken({ createdAt: at(10) });
    const second = makeWallboardToken({ name: 'Lobby', createdAt: at(20) });
    await ctx.store.insertWallboardToken(second);
    await ctx.store.insertWallboardToken(first);
    expect(await ctx.store.findWallboardTokenByHash(first.tokenHash)).toEqual(first);
    expect(await ctx.store.findWallboardTokenByHash('nope')).toBeUndefined();
    expect(await ctx.store.listWallboardTokens()).toEqual([first, second]);

    await ctx.store.revokeWallboardToken(first.id, at(30));
    await ctx.store.revokeWallboardToken(first.id, at(99));
    await ctx.store.revokeWallboardToken('nope', at(30));
    expect(await ctx.store.findWallboardTokenByHash(first.tokenHash)).toEqual({ ...first, revokedAt: at(30) });
    expect((await ctx.store.findWallboardTokenByHash(second.tokenHash))?.revokedAt).toBeNull();
  });

  it('refuses a second wallboard token with the same hash', async () => {
    const token = makeWallboardToken();
    await ctx.store.insertWallboardToken(token);
    await expect(ctx.store.insertWallboardToken(makeWallboardToken({ tokenHash: token.tokenHash }))).rejects.toThrow();
  });

  it('lists incidents first seen, pages created and alerts received since an instant, oldest first', async () => {
    const old = await ctx.store.insertIncident(makeIncident({}, 0));
    const late = await ctx.store.insertIncident(makeIncident({}, 200));
    const mid = await ctx.store.insertIncident(makeIncident({}, 100));
    expect((await ctx.store.listIncidentsOpenedSince(at(100))).map((i) => i.id)).toEqual([mid.id, late.id]);
    expect(await ctx.store.listIncidentsOpenedSince(at(100))).toEqual([mid, late]);

    const pages = [makePage(old.id, 50), makePage(mid.id, 150), makePage(late.id, 120)];
    for (const page of pages) await ctx.store.insertPage(page);
    expect(await ctx.store.listPagesCreatedSince(at(100))).toEqual([pages[2], pages[1]]);

    for (const seconds of [30, 3600, 90]) await ctx.store.insertAlert(makeAlert(old.id, seconds));
    expect(await ctx.store.listAlertTimesSince(at(60))).toEqual([at(90), at(3600)]);
    expect(await ctx.store.listAlertTimesSince(at(4000))).toEqual([]);
  });
}
