import { expect, it } from 'vitest';
import type { AuditDraft } from '../../../app/ports/audit-store.js';
import type { Store } from '../../../app/ports/store.js';
import { GENESIS_HASH } from '../../../core/audit/chain-hash.js';
import { checkAuditRow, checkTimelineRow } from '../../../core/audit/chain-check.js';
import type { AuditChainRow, TimelineChainRow } from '../../../core/audit/chain-rows.js';
import { sha256Hex } from '../chain-digest.js';
import type { ContractContext } from './context.js';
import { at, makeEvent, makeIncident } from './fixtures.js';

function draft(seconds: number, overrides: Partial<AuditDraft> = {}): AuditDraft {
  return {
    at: at(seconds),
    action: 'auth.login',
    actorId: 'alice',
    address: '192.0.2.7',
    subject: { kind: 'user', id: 'alice' },
    details: { b: 2, a: [1, 'x'] },
    ...overrides,
  };
}

async function wholeAuditChain(store: Store): Promise<AuditChainRow[]> {
  return store.readAuditChain(0, 10_000);
}

function firstAuditBreak(rows: AuditChainRow[]) {
  return rows.map((row, i) => checkAuditRow(sha256Hex, rows[i - 1], row)).find((broken) => broken !== undefined);
}

function firstTimelineBreak(rows: TimelineChainRow[]) {
  return rows
    .map((row, i) => checkTimelineRow(sha256Hex, rows[i - 1]?.incidentId === row.incidentId ? rows[i - 1] : undefined, row))
    .find((broken) => broken !== undefined);
}

/** The hash-chained audit trail, the hash-chained incident timelines and the login throttle counts. */
export function auditContract(ctx: ContractContext): void {
  it('chains audit events: seq follows on, each names its predecessor\'s hash and its own content hash', async () => {
    const first = await ctx.store.appendAuditEvent(draft(0));
    const second = await ctx.store.appendAuditEvent(draft(1, { action: 'auth.login-failed', actorId: null, subject: null, details: {} }));
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, details: { a: [1, 'x'], b: 2 } });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, actorId: null, subject: null });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const rows = await wholeAuditChain(ctx.store);
    expect(rows.map((row) => row.seq)).toEqual([1, 2]);
    // Details are kept as canonical JSON, so the stored text hashes the same whatever the key order.
    expect(rows[0]!.details).toBe('{"a":[1,"x"],"b":2}');
    expect(firstAuditBreak(rows)).toBeUndefined();
  });

  it('lists audit events newest first, filtered by action, actor, subject and time, paged by seq', async () => {
    await ctx.store.appendAuditEvent(draft(0));
    await ctx.store.appendAuditEvent(draft(10, { action: 'policy.changed', subject: { kind: 'policy', id: 'p1' } }));
    await ctx.store.appendAuditEvent(draft(20, { actorId: 'bob' }));
    await ctx.store.appendAuditEvent(draft(30, { action: 'auth.lockout', actorId: null }));
    const seqs = async (filter: Parameters<Store['listAuditEvents']>[0]) =>
      (await ctx.store.listAuditEvents(filter)).map((event) => event.seq);
    expect(await seqs({ limit: 10 })).toEqual([4, 3, 2, 1]);
    expect(await seqs({ limit: 2 })).toEqual([4, 3]);
    expect(await seqs({ limit: 2, beforeSeq: 3 })).toEqual([2, 1]);
    expect(await seqs({ limit: 10, action: 'auth.login' })).toEqual([3, 1]);
    expect(await seqs({ limit: 10, actorId: 'bob' })).toEqual([3]);
    expect(await seqs({ limit: 10, subjectKind: 'policy', subjectId: 'p1' })).toEqual([2]);
    expect(await seqs({ limit: 10, from: at(10), to: at(30) })).toEqual([3, 2]);
    const [latest] = await ctx.store.listAuditEvents({ limit: 1 });
    expect(latest).toMatchObject({ seq: 4, at: at(30), action: 'auth.lockout', address: '192.0.2.7' });
  });

  it('rolls an audit event back with the transaction it was recorded in', async () => {
    await expect(
      ctx.store.transaction(async (tx) => {
        await tx.appendAuditEvent(draft(0));
        throw new Error('change refused');
      }),
    ).rejects.toThrow('change refused');
    expect(await wholeAuditChain(ctx.store)).toEqual([]);
    expect((await ctx.store.appendAuditEvent(draft(1))).seq).toBe(1);
  });

  it('never forks the audit chain when two relays append at the same time', async ({ skip }) => {
    // SQLite serialises writers by the file's write lock; two connections in one test process would
    // block each other's thread, so the race only runs on engines with row locks (PostgreSQL).
    if (!ctx.reopen || !ctx.untilLockWait) return skip('only engines with concurrent writers race appends');
    const second = await ctx.reopen();
    try {
      const appends = Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? second : ctx.store).appendAuditEvent(draft(i, { details: { i } })),
      );
      const records = await Promise.all(appends);
      expect(records.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const rows = await wholeAuditChain(ctx.store);
      expect(rows).toHaveLength(40);
      expect(new Set(rows.map((row) => row.prevHash)).size).toBe(40);
      expect(firstAuditBreak(rows)).toBeUndefined();
    } finally {
      await second.close();
    }
  });

  it('chains each incident\'s timeline on its own, in append order', async () => {
    const one = await ctx.store.insertIncident(makeIncident());
    const two = await ctx.store.insertIncident(makeIncident());
    // Append order, not event time, is the chain's order.
    await ctx.store.appendTimeline(makeEvent(one.id, 10));
    await ctx.store.appendTimeline(makeEvent(two.id, 0));
    await ctx.store.appendTimeline(makeEvent(one.id, 5));
    await ctx.store.transaction((tx) => tx.appendTimeline(makeEvent(one.id, 20)));
    const rows = await ctx.store.readTimelineChain(undefined, 100);
    const ofOne = rows.filter((row) => row.incidentId === one.id);
    expect(ofOne).toHaveLength(3);
    expect(ofOne[0]!.prevHash).toBe(GENESIS_HASH);
    expect(ofOne[1]!.prevHash).toBe(ofOne[0]!.hash);
    expect(ofOne[2]!.prevHash).toBe(ofOne[1]!.hash);
    expect(rows.find((row) => row.incidentId === two.id)!.prevHash).toBe(GENESIS_HASH);
    expect(firstTimelineBreak(rows)).toBeUndefined();

    // Paging with a cursor walks the same rows.
    const paged = [];
    let cursor: { incidentId: string; pos: number } | undefined;
    for (;;) {
      const page = await ctx.store.readTimelineChain(cursor, 2);
      if (page.length === 0) break;
      paged.push(...page);
      cursor = { incidentId: page.at(-1)!.incidentId, pos: page.at(-1)!.pos };
    }
    expect(paged).toEqual(rows);
  });

  it('never forks an incident\'s timeline when two relays append to it at the same time', async ({ skip }) => {
    if (!ctx.reopen || !ctx.untilLockWait) return skip('only engines with concurrent writers race appends');
    const incident = await ctx.store.insertIncident(makeIncident());
    const second = await ctx.reopen();
    try {
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? second : ctx.store).appendTimeline(makeEvent(incident.id, i))),
      );
      const rows = await ctx.store.readTimelineChain(undefined, 100);
      expect(rows).toHaveLength(30);
      expect(firstTimelineBreak(rows)).toBeUndefined();
    } finally {
      await second.close();
    }
  });

  it('counts login failures per key, forgets old ones, locks once and clears', async () => {
    const first = await ctx.store.addLoginFailure('user:alice', at(0), at(-3600));
    expect(first).toEqual({ key: 'user:alice', failures: 1, lastFailureAt: at(0), lockedAt: null });
    await Promise.all([1, 2, 3].map((s) => ctx.store.addLoginFailure('user:alice', at(s), at(-3600))));
    expect((await ctx.store.getLoginThrottles(['user:alice', 'address:x']))[0]!.failures).toBe(4);
    // The last failure is older than the forget line: counting starts again.
    expect((await ctx.store.addLoginFailure('user:alice', at(9000), at(5000))).failures).toBe(1);

    expect(await ctx.store.lockLogin('user:alice', at(9001))).toBe(true);
    expect(await ctx.store.lockLogin('user:alice', at(9002))).toBe(false);
    // A locked key is never forgotten by time.
    const locked = await ctx.store.addLoginFailure('user:alice', at(99_000), at(95_000));
    expect(locked).toMatchObject({ failures: 2, lockedAt: at(9001) });
    expect(await ctx.store.lockLogin('nope', at(0))).toBe(false);

    expect(await ctx.store.clearLoginThrottle('user:alice')).toBe(true);
    expect(await ctx.store.clearLoginThrottle('user:alice')).toBe(false);
    expect(await ctx.store.getLoginThrottles(['user:alice'])).toEqual([]);
    expect(await ctx.store.getLoginThrottles([])).toEqual([]);
  });
}
