import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from '../../../shared/schemas/page.js';
import { createSilentLogger } from '../../adapters/log/create-logger.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { openExampleStore } from '../../../tests/support/example-store.js';
import { createIncidentFeed } from '../feed/incident-feed.js';
import type { Store } from '../ports/store.js';
import { makeIncident } from '../../adapters/store/contract/fixtures.js';
import { createDeliveryReceipts } from './delivery-receipts.js';

const T0 = new Date('2026-11-02T14:00:00Z');
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A store with one incident and `n` pages of it, sent (or queued: never sent) to ann. */
async function withPages(n: number, state: Page['state'] = 'sent') {
  const clock = createManualClock(T0);
  const opened = await openExampleStore(clock);
  cleanup = opened.cleanup;
  const store = opened.store;
  const service = (await store.listServices())[0]!;
  const incident = await store.insertIncident(makeIncident({ id: 'inc-1', serviceId: service.id, teamId: service.team }));
  const pages: Page[] = Array.from({ length: n }, (_, i) => ({
    id: `inc-1/k${i}/push`,
    incidentId: incident.id,
    pageKey: `k${i}`,
    userId: 'ann',
    channel: 'push',
    state,
    level: 0,
    attempts: state === 'sent' ? 1 : 0,
    createdAt: T0.toISOString(),
    sentAt: state === 'sent' ? T0.toISOString() : null,
    deliveredAt: null,
    readAt: null,
    error: null,
  }));
  await store.transaction((tx) => tx.insertPages(pages));
  let transactions = 0;
  /** The incident calls made inside the receipts' transactions, by name. */
  const incidentCalls: string[] = [];
  const inTransaction = (tx: object) =>
    new Proxy(tx, {
      get(target, key) {
        if (key === 'getIncident' || key === 'lockIncident') incidentCalls.push(key);
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  const counting = new Proxy(store, {
    get(target, key) {
      if (key === 'transaction') {
        transactions += 1;
        return (fn: (tx: object) => Promise<unknown>, options?: object) => target.transaction((tx) => fn(inTransaction(tx)), options);
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as Store;
  const feed = createIncidentFeed();
  /** The incidents each published change came with as its commit read them. */
  const readWith: string[][] = [];
  feed.subscribe((_change, _batch, read) => readWith.push([...read.keys()]));
  const receipts = createDeliveryReceipts({ store: counting, feed, pokeJobs: () => {}, clock, log: createSilentLogger(), delayMs: 60_000 });
  return { store, pages, receipts, transactions: () => transactions, incidentCalls, readWith };
}

describe('delivery receipts, written behind', () => {
  it('writes many receipts in one transaction, each page once, with its delivered event', async () => {
    const { store, pages, receipts, transactions } = await withPages(120);
    for (const page of pages) receipts.delivered(page.id);
    receipts.delivered(pages[0]!.id); // a phone confirming twice (a replay) changes nothing more
    expect((await store.getPage(pages[0]!.id))?.state).toBe('sent');
    await receipts.flush();
    expect(transactions()).toBe(1);
    expect((await store.listPages('inc-1')).every((p) => p.state === 'delivered' && p.deliveredAt === T0.toISOString())).toBe(true);
    const events = (await store.listTimeline('inc-1')).filter((e) => e.type === 'page.delivered');
    expect(events).toHaveLength(120);
    // Once written, the same receipt again changes nothing.
    receipts.delivered(pages[1]!.id);
    await receipts.flush();
    expect((await store.listTimeline('inc-1')).filter((e) => e.type === 'page.delivered')).toHaveLength(120);
  });

  it('reads the incident of the pages once, under its lock and before them, and hands it to the feed so that consoles need not read it again', async () => {
    const { pages, receipts, incidentCalls, readWith } = await withPages(3);
    for (const page of pages) receipts.delivered(page.id);
    await receipts.flush();
    expect(incidentCalls).toEqual(['getIncident']);
    // Three page updates and three delivered events, each with the incident as the commit read it.
    expect(readWith).toEqual(Array(6).fill(['inc-1']));
  });

  it('counts a page replayed before it was ever sent as sent then, once', async () => {
    const { store, pages, receipts } = await withPages(3, 'queued');
    pages.forEach((page) => receipts.delivered(page.id));
    await receipts.close();
    const types = (await store.listTimeline('inc-1')).map((e) => [e.type, e.data.replayed ?? false]);
    expect(types.filter(([t]) => t === 'page.sent')).toEqual(Array(3).fill(['page.sent', true]));
    expect((await store.listPages('inc-1')).every((p) => p.sentAt === T0.toISOString() && p.state === 'delivered')).toBe(true);
  });

  it('waits for a send under way to be recorded before writing its receipts', async () => {
    const { store, pages, receipts } = await withPages(2, 'queued');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const send = receipts.gate([pages[0]!.id], async () => {
      receipts.delivered(pages[0]!.id); // the phone confirms before the send is recorded
      await held;
      await store.transaction((tx) => tx.updatePage(pages[0]!.id, { state: 'sent', sentAt: T0.toISOString(), attempts: 1 }));
    });
    const flushed = receipts.flush();
    await Promise.resolve();
    expect((await store.getPage(pages[0]!.id))?.state).toBe('queued');
    release();
    await Promise.all([send, flushed]);
    // Recorded as a send, then a delivery — not as a replay.
    const sent = (await store.listTimeline('inc-1')).filter((e) => e.type === 'page.sent');
    expect(sent).toHaveLength(0);
    expect((await store.getPage(pages[0]!.id))?.state).toBe('delivered');
  });

  it('never holds up the receipts of other pages while one page is being sent', async () => {
    const { store, pages, receipts } = await withPages(2);
    // A slow send of page 0 (an SMTP or HTTP provider that hangs) …
    const hung = receipts.gate([pages[0]!.id], () => new Promise<void>(() => {}));
    void hung;
    receipts.delivered(pages[1]!.id);
    // … holds up only its own page's receipts: page 1's is written now.
    await receipts.flush();
    expect((await store.getPage(pages[1]!.id))?.state).toBe('delivered');
    expect((await store.getPage(pages[0]!.id))?.state).toBe('sent');
  });

  it('leaves the pages sent when the write fails, so the replay on reconnect sends them again', async () => {
    const { store, pages } = await withPages(4);
    const broken = new Proxy(store, {
      get(target, key) {
        if (key === 'transaction') return async () => Promise.reject(new Error('disk full'));
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Store;
    const receipts = createDeliveryReceipts({ store: broken, feed: createIncidentFeed(), pokeJobs: () => {}, clock: createManualClock(T0), log: createSilentLogger() });
    pages.forEach((page) => receipts.delivered(page.id));
    await receipts.close();
    expect((await store.listPages('inc-1')).map((p) => p.state)).toEqual(Array(4).fill('sent'));
    expect((await store.listUnreadPages('ann', 'push')).map((p) => p.id).sort()).toEqual(pages.map((p) => p.id).sort());
  });
});
