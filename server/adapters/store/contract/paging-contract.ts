import { expect, it } from 'vitest';
import type { Incident } from '../../../../shared/schemas/incident.js';
import type { StoreSession } from '../../../app/ports/store.js';
import type { ContractContext } from './context.js';
import { at, iso, makeDevice, makeEscalation, makeIncident, makePage, makePolicy, makeUser } from './fixtures.js';

/** A promise with its resolve function, to hand control between two transactions in a fixed order. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Adds one to the escalation state's counter `n` and answers the value it read. */
async function bumpEscalation(tx: StoreSession, incidentId: string, beforeSave?: () => Promise<void>): Promise<number> {
  const record = await tx.getEscalation(incidentId);
  const n = (record!.state as { n: number }).n;
  await beforeSave?.();
  await tx.saveEscalation({ ...record!, state: { n: n + 1 }, updatedAt: at(n + 1) });
  return n;
}

/** Escalation records, pages (dedup, updates, unread replay) and devices. */
export function pagingContract(ctx: ContractContext): void {
  const newIncident = (overrides: Partial<Incident> = {}) => ctx.store.insertIncident(makeIncident(overrides));

  it('keeps an escalation with its frozen policy and state, and replaces it', async () => {
    const incident = await newIncident();
    expect(await ctx.store.getEscalation(incident.id)).toBeUndefined();
    const record = makeEscalation(incident.id);
    await ctx.store.saveEscalation(record);
    // Editing the policy later does not touch the snapshot.
    await ctx.store.upsertPolicy(makePolicy({ name: 'Renamed', levels: [{ delay: 60, targets: [{ user: 'bob' }] }] }));
    expect(await ctx.store.getEscalation(incident.id)).toEqual(record);

    const replaced = makeEscalation(incident.id, {
      policy: makePolicy({ stopOn: 'acknowledged', repeat: 3 }),
      state: { level: 1, loop: 2, pages: [], stopped: 'acknowledged', nested: { deep: [1, null, 'x'] } },
      updatedAt: at(90),
    });
    await ctx.store.transaction((tx) => tx.saveEscalation(replaced));
    expect(await ctx.store.getEscalation(incident.id)).toEqual(replaced);
    expect(await ctx.store.transaction((tx) => tx.getEscalation(incident.id))).toEqual(replaced);
  });

  it('locks an incident for the rest of a transaction: a second lock waits until the first commits', async () => {
    const incident = await newIncident();
    // Outside a transaction, and for no such incident, it does nothing and fails nothing.
    await ctx.store.lockIncident(incident.id);
    await ctx.store.transaction((tx) => tx.lockIncident('no-such-incident'));
    const firstLocked = signal();
    const releaseFirst = signal();
    const order: string[] = [];
    const first = ctx.store.transaction(async (tx) => {
      await tx.lockIncident(incident.id);
      firstLocked.resolve();
      await releaseFirst.promise;
      order.push('first');
    });
    void first.catch(firstLocked.resolve);
    await firstLocked.promise;
    const second = ctx.store.transaction(async (tx) => {
      await tx.lockIncident(incident.id);
      order.push('second');
    });
    try {
      await ctx.untilLockWait?.();
    } finally {
      releaseFirst.resolve();
    }
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });

  it('runs two transactions that step the same escalation one after the other', async () => {
    const incident = await newIncident();
    await ctx.store.saveEscalation(makeEscalation(incident.id, { state: { n: 0 } }));
    const firstHasRead = signal();
    const releaseFirst = signal();
    const first = ctx.store.transaction((tx) =>
      bumpEscalation(tx, incident.id, async () => {
        firstHasRead.resolve();
        await releaseFirst.promise;
      }),
    );
    void first.catch(firstHasRead.resolve);
    await firstHasRead.promise;
    const second = ctx.store.transaction((tx) => bumpEscalation(tx, incident.id));
    try {
      // PostgreSQL: hold the first until the second waits for the row it locked. SQLite has no row
      // locks: the second transaction waits for the store's one connection (BEGIN IMMEDIATE makes
      // another process wait the same way).
      await ctx.untilLockWait?.();
    } finally {
      releaseFirst.resolve();
    }
    // The second read what the first saved, so no step was lost.
    expect(await Promise.all([first, second])).toEqual([0, 1]);
    expect((await ctx.store.getEscalation(incident.id))?.state).toEqual({ n: 2 });
  });

  it('stores a page and reads it back as it was written', async () => {
    const incident = await newIncident();
    const page = makePage(incident.id, 5, {
      channel: 'ntfy',
      state: 'failed',
      level: 2,
      attempts: 3,
      createdAt: '2030-01-01T01:00:05+01:00',
      sentAt: iso(6),
      deliveredAt: iso(7),
      readAt: iso(8),
      error: 'ntfy answered 502',
    });
    expect(await ctx.store.insertPage(page)).toBe(true);
    expect(await ctx.store.getPage(page.id)).toEqual(page);
    expect(await ctx.store.getPage('no-such-page')).toBeUndefined();
  });

  it('ignores a second page with the same id, leaving the first unchanged', async () => {
    const incident = await newIncident();
    const page = makePage(incident.id, 0);
    expect(await ctx.store.insertPage(page)).toBe(true);
    const again = { ...page, state: 'read' as const, attempts: 4, readAt: iso(9), pageKey: 'other' };
    expect(await ctx.store.insertPage(again)).toBe(false);
    // Inside a transaction too, and the transaction goes on (nothing failed on PostgreSQL either).
    const later = makePage(incident.id, 1);
    await ctx.store.transaction(async (tx) => {
      expect(await tx.insertPage(again)).toBe(false);
      expect(await tx.insertPage(later)).toBe(true);
    });
    expect(await ctx.store.listPages(incident.id)).toEqual([page, later]);
  });

  it('changes the fields of a page and returns it; undefined for a page that does not exist', async () => {
    const incident = await newIncident();
    const page = makePage(incident.id, 0);
    await ctx.store.insertPage(page);
    const sent = await ctx.store.updatePage(page.id, { state: 'sent', sentAt: iso(1), attempts: 1, error: undefined });
    expect(sent).toEqual({ ...page, state: 'sent', sentAt: iso(1), attempts: 1 });
    const failed = await ctx.store.transaction((tx) => tx.updatePage(page.id, { state: 'failed', error: 'timeout' }));
    expect(failed).toEqual({ ...sent, state: 'failed', error: 'timeout' });
    const cleared = await ctx.store.updatePage(page.id, { state: 'queued', sentAt: null, error: null });
    expect(cleared).toEqual({ ...page, attempts: 1 });
    expect(await ctx.store.updatePage(page.id, {})).toEqual(cleared);
    expect(await ctx.store.getPage(page.id)).toEqual(cleared);
    expect(await ctx.store.updatePage('no-such-page', { state: 'read' })).toBeUndefined();
    expect(await ctx.store.updatePage('no-such-page', {})).toBeUndefined();
  });

  it('lists the pages of an incident oldest first, whatever offset their times carry', async () => {
    const incident = await newIncident();
    const other = await newIncident();
    const late = makePage(incident.id, 20);
    const tieB = makePage(incident.id, 10, { id: 'page-b' });
    const tieA = makePage(incident.id, 10, { id: 'page-a', userId: 'bob' });
    // 01:00:05+01:00 is 5 s after T0: earlier than the others although its text sorts last.
    const offset = makePage(incident.id, 0, { createdAt: '2030-01-01T01:00:05+01:00' });
    for (const page of [late, tieB, makePage(other.id, 1), tieA, offset]) await ctx.store.insertPage(page);
    expect(await ctx.store.listPages(incident.id)).toEqual([offset, tieA, tieB, late]);
    expect(await ctx.store.listPages('no-such-incident')).toEqual([]);
  });

  it("lists a person's unread pages on a channel, of unresolved incidents, oldest first", async () => {
    const open = await newIncident();
    const acknowledged = await newIncident({ status: 'acknowledged', acknowledgedAt: iso(1) });
    const resolved = await newIncident();
    const page = makePage;
    const queued = page(open.id, 30);
    const sent = page(open.id, 10, { state: 'sent', sentAt: iso(11) });
    const delivered = page(acknowledged.id, 20, { state: 'delivered', deliveredAt: iso(21) });
    const pages = [
      queued,
      sent,
      delivered,
      page(open.id, 1, { state: 'read', readAt: iso(2) }),
      page(open.id, 2, { state: 'failed', error: 'gone' }),
      page(open.id, 3, { state: 'cancelled' }),
      page(open.id, 4, { channel: 'email' }),
      page(open.id, 5, { userId: 'bob' }),
      page(resolved.id, 6),
    ];
    for (const p of pages) await ctx.store.insertPage(p);
    await ctx.store.updateIncident(resolved.id, { status: 'resolved', resolvedAt: iso(7) });

    expect(await ctx.store.listUnreadPages('alice', 'push')).toEqual([sent, delivered, queued]);
    expect(await ctx.store.transaction((tx) => tx.listUnreadPages('alice', 'email'))).toEqual([pages[6]]);
    expect(await ctx.store.listUnreadPages('bob', 'push')).toEqual([pages[7]]);
    expect(await ctx.store.listUnreadPages('carol', 'push')).toEqual([]);
  });

  it('registers devices, finds one by token hash and lists them oldest first', async () => {
    await ctx.store.upsertUser(makeUser());
    await ctx.store.upsertUser(makeUser({ id: 'bob', email: 'bob@example.com' }));
    const phone = makeDevice({ createdAt: at(20), lastSeenAt: at(25) });
    const tablet = makeDevice({ name: 'Tablet', createdAt: at(10) });
    const bobs = makeDevice({ userId: 'bob', createdAt: at(15), revokedAt: at(16) });
    for (const device of [phone, tablet, bobs]) await ctx.store.insertDevice(device);

    expect(await ctx.store.findDeviceByTokenHash(phone.tokenHash)).toEqual(phone);
    expect(await ctx.store.findDeviceByTokenHash(bobs.tokenHash)).toEqual(bobs);
    expect(await ctx.store.findDeviceByTokenHash('no-such-hash')).toBeUndefined();
    expect(await ctx.store.listDevices()).toEqual([tablet, bobs, phone]);
    expect(await ctx.store.listDevices('alice')).toEqual([tablet, phone]);
    expect(await ctx.store.transaction((tx) => tx.listDevices('carol'))).toEqual([]);
  });

  it('refuses a second device with the same token hash, or for an unknown user', async () => {
    await ctx.store.upsertUser(makeUser());
    const phone = makeDevice();
    await ctx.store.insertDevice(phone);
    await expect(ctx.store.insertDevice(makeDevice({ tokenHash: phone.tokenHash }))).rejects.toThrow();
    await expect(ctx.store.insertDevice(makeDevice({ userId: 'nobody' }))).rejects.toThrow();
    expect(await ctx.store.listDevices()).toEqual([phone]);
  });

  it('updates the name, last-seen and revocation times of a device', async () => {
    await ctx.store.upsertUser(makeUser());
    const phone = makeDevice();
    const other = makeDevice({ createdAt: at(1) });
    await ctx.store.insertDevice(phone);
    await ctx.store.insertDevice(other);

    await ctx.store.updateDevice(phone.id, { lastSeenAt: at(30), name: 'Pixel', revokedAt: undefined });
    const seen = { ...phone, name: 'Pixel', lastSeenAt: at(30) };
    expect(await ctx.store.findDeviceByTokenHash(phone.tokenHash)).toEqual(seen);
    // A revoked device is still found (the caller refuses it) and keeps its other fields.
    await ctx.store.transaction((tx) => tx.updateDevice(phone.id, { revokedAt: at(40) }));
    const revoked = { ...seen, revokedAt: at(40) };
    expect(await ctx.store.findDeviceByTokenHash(phone.tokenHash)).toEqual(revoked);
    await ctx.store.updateDevice(phone.id, { lastSeenAt: null });
    await ctx.store.updateDevice(phone.id, {});
    await ctx.store.updateDevice('no-such-device', { revokedAt: at(50) });
    expect(await ctx.store.listDevices()).toEqual([{ ...revoked, lastSeenAt: null }, other]);
  });
}
