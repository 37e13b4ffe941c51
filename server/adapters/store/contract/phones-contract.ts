import { expect, it } from 'vitest';
import type { ContractContext } from './context.js';
import { at, makeIncident, makePage, makeUser } from './fixtures.js';

const KEYS = { p256dh: `B${'a'.repeat(86)}`, auth: 'b'.repeat(22) };

/** Pairing codes (single use, expiry), push subscriptions, contacts and page receipts. */
export function phonesContract(ctx: ContractContext): void {
  it('redeems a pairing code once, and never after it expired', async () => {
    await ctx.store.upsertUser(makeUser());
    await ctx.store.insertPairingCode({ codeHash: 'h1', userId: 'alice', createdAt: at(0), expiresAt: at(600), usedAt: null });
    await ctx.store.insertPairingCode({ codeHash: 'h2', userId: 'alice', createdAt: at(0), expiresAt: at(600), usedAt: null });

    expect(await ctx.store.redeemPairingCode('unknown', at(1))).toBeUndefined();
    const [first, second] = await Promise.all([
      ctx.store.transaction((tx) => tx.redeemPairingCode('h1', at(10))),
      ctx.store.transaction((tx) => tx.redeemPairingCode('h1', at(11))),
    ]);
    const winners = [first, second].filter((r) => r !== undefined);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ codeHash: 'h1', userId: 'alice', expiresAt: at(600) });
    expect(await ctx.store.redeemPairingCode('h1', at(12))).toBeUndefined();
    // At the expiry instant the code no longer works.
    expect(await ctx.store.redeemPairingCode('h2', at(600))).toBeUndefined();
  });

  it('keeps push subscriptions per endpoint, replaces on re-subscribe, removes by endpoint or device', async () => {
    await ctx.store.upsertUser(makeUser());
    await ctx.store.upsertUser(makeUser({ id: 'bob', email: 'bob@example.com' }));
    const base = { keys: KEYS, createdAt: at(0) };
    await ctx.store.savePushSubscription({ ...base, endpoint: 'https://push.example/a', userId: 'alice', deviceId: 'd1' });
    await ctx.store.savePushSubscription({ ...base, endpoint: 'https://push.example/b', userId: 'alice', deviceId: null, createdAt: at(5) });
    // The same browser signed in as bob takes the endpoint over.
    await ctx.store.savePushSubscription({ ...base, endpoint: 'https://push.example/b', userId: 'bob', deviceId: 'd2', createdAt: at(6) });

    expect((await ctx.store.listPushSubscriptions('alice')).map((s) => s.endpoint)).toEqual(['https://push.example/a']);
    expect(await ctx.store.listPushSubscriptions('bob')).toEqual([
      { endpoint: 'https://push.example/b', userId: 'bob', deviceId: 'd2', keys: KEYS, createdAt: at(6) },
    ]);
    await ctx.store.deletePushSubscriptionsOfDevice('d1');
    expect(await ctx.store.listPushSubscriptions('alice')).toEqual([]);
    await ctx.store.deletePushSubscription('https://push.example/b');
    await ctx.store.deletePushSubscription('https://push.example/never');
    expect(await ctx.store.listPushSubscriptions('bob')).toEqual([]);
  });

  it('stores and replaces a person\'s contacts', async () => {
    await ctx.store.upsertUser(makeUser());
    expect(await ctx.store.getContacts('alice')).toBeUndefined();
    await ctx.store.setContacts('alice', { ntfy: { url: 'https://ntfy.example/klaxon-alice' } }, at(0));
    const next = { webhook: { url: 'https://hooks.example/alice', secret: 's'.repeat(16) } };
    await ctx.store.transaction((tx) => tx.setContacts('alice', next, at(1)));
    expect(await ctx.store.getContacts('alice')).toEqual(next);
  });

  it('finds a page by a channel receipt and lists a page\'s receipts', async () => {
    const incident = await ctx.store.insertIncident(makeIncident());
    const page = makePage(incident.id, 0, { channel: 'pushover' });
    await ctx.store.insertPage(page);
    await ctx.store.insertPageReceipt({ receipt: 'r2', pageId: page.id, channel: 'pushover', createdAt: at(2) });
    await ctx.store.insertPageReceipt({ receipt: 'r1', pageId: page.id, channel: 'pushover', createdAt: at(1) });
    await ctx.store.insertPageReceipt({ receipt: 'r1', pageId: page.id, channel: 'pushover', createdAt: at(9) });
    expect(await ctx.store.findPageReceipt('r1')).toEqual({ receipt: 'r1', pageId: page.id, channel: 'pushover', createdAt: at(1) });
    expect(await ctx.store.findPageReceipt('nope')).toBeUndefined();
    expect((await ctx.store.listPageReceipts(page.id)).map((r) => r.receipt)).toEqual(['r1', 'r2']);
  });
}
