import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Page } from '../../../../shared/schemas/page.js';
import type { ReportRange } from '../../../app/ports/report-store.js';
import type { Database } from '../database.js';
import type { ContractContext } from './context.js';
import { at, iso, makeEvent, makeIncident, makeUser, T0 } from './fixtures.js';

function page(incidentId: string, userId: string, seconds: number, overrides: Partial<Page> = {}): Page {
  return {
    id: `${incidentId}-${userId}-${seconds}`,
    incidentId,
    pageKey: `l1:${userId}`,
    userId,
    channel: 'push',
    state: 'sent',
    level: 1,
    attempts: 1,
    createdAt: iso(seconds),
    sentAt: iso(seconds),
    deliveredAt: null,
    readAt: null,
    error: null,
    ...overrides,
  };
}

/**
 * The report reads: the facts of a range's incidents (filters, need-to-know, escalation, failover,
 * priority rule, post-mortem), their pages and their action items; and the user's time zone.
 * Post-mortem rows are written directly (their writer is another feature).
 */
export function reportsContract(ctx: ContractContext): void {
  const range = (over: Partial<ReportRange> = {}): ReportRange => ({
    fromMs: T0,
    toMs: T0 + 3600_000,
    viewer: { userId: 'ann', seeAllConfidential: true },
    ...over,
  });

  const setUp = async () => {
    const store = ctx.store;
    for (const id of ['ann', 'bob', 'cara']) await store.upsertUser(makeUser({ id, email: `${id}@example.com` }));
    const a = await store.insertIncident(
      makeIncident({ triageVerdict: 'false_positive', acknowledgedAt: iso(60), resolvedAt: iso(600), status: 'resolved' }, 0),
      'core-network#1',
    );
    const b = await store.insertIncident(makeIncident({ priority: 'medium', confidential: true, clientId: 'acme' }, 100));
    const c = await store.insertIncident(makeIncident({ priority: 'low', confidential: true }, 200));
    const e = await store.insertIncident(makeIncident({ teamId: 'soc', serviceId: 'edr' }, 300));
    await store.insertIncident(makeIncident({}, -10)); // before the range
    await store.insertIncident(makeIncident({}, 3600)); // at `to`: outside [from, to)
    await store.addNeedToKnow({ incidentId: b.id, userId: 'bob', addedBy: 'ann', addedAt: at(100) });
    await store.appendTimelines([
      makeEvent(a.id, 1, { type: 'escalation.level', actor: { type: 'system', id: null }, data: { from: 1, to: 2 } }),
      makeEvent(a.id, 2, { type: 'failover.sent', actor: { type: 'system', id: null }, data: {} }),
      makeEvent(e.id, 301, { type: 'escalation.level', actor: { type: 'system', id: null }, data: { from: 1, to: 2 } }),
    ]);
    await store.insertPage(page(a.id, 'bob', 10, { state: 'read', readAt: iso(70) }));
    await store.insertPage(page(a.id, 'ann', 20, { channel: 'email' }));
    await store.insertPage(page(b.id, 'bob', 110));
    const db = (store as unknown as { kysely: Kysely<Database> }).kysely;
    await db
      .insertInto('postmortems')
      .values({ id: 'pm1', incident_id: a.id, state: 'draft', reason: 'high', due_at: null, fields: '{}', stamps: '{}', digest: null, trigger_answer: 'did_not_exist', created_at: iso(700), updated_at: iso(700), review_requested_by: null, signed_off_by: null, signed_off_at: null, version: 1 })
      .execute();
    await db.insertInto('postmortem_incidents').values({ incident_id: a.id, postmortem_id: 'pm1', position: 0 }).execute();
    await db
      .insertInto('postmortem_action_items')
      .values([
        { id: 'ai1', postmortem_id: 'pm1', position: 0, title: 'Fix rule', owner: 'bob', due_date: '2029-12-31', state: 'open', link_kind: null, link_ref: null },
        { id: 'ai2', postmortem_id: 'pm1', position: 1, title: 'Write runbook', owner: 'ann', due_date: null, state: 'done', link_kind: null, link_ref: null },
      ])
      .execute();
    return { a, b, c, e };
  };

  const ids = async (over: Partial<ReportRange>) =>
    (await ctx.store.reportIncidents(range(over))).sort((x, y) => x.firstSeenMs - y.firstSeenMs).map((f) => f.id);

  it('reads every fact of the incidents first seen in [from, to)', async () => {
    const { a, b, c, e } = await setUp();
    const facts = (await ctx.store.reportIncidents(range())).sort((x, y) => x.firstSeenMs - y.firstSeenMs);
    expect(facts.map((f) => f.id)).toEqual([a.id, b.id, c.id, e.id]);
    expect(facts[0]).toEqual({
      id: a.id,
      firstSeenMs: T0,
      priority: 'high',
      teamId: 'noc',
      serviceId: 'core-network',
      clientId: null,
      confidential: false,
      triageVerdict: 'false_positive',
      acknowledgedMs: T0 + 60_000,
      resolvedMs: T0 + 600_000,
      escalated: true,
      failedOver: true,
      rule: 'core-network#1',
      postmortemId: 'pm1',
      postmortemState: 'draft',
      triggerAnswer: 'did_not_exist',
    });
    expect(facts[1]).toMatchObject({ priority: 'medium', clientId: 'acme', confidential: true, escalated: false, failedOver: false, rule: null, postmortemId: null, triggerAnswer: null, acknowledgedMs: null });
    expect(facts[3]).toMatchObject({ teamId: 'soc', serviceId: 'edr', escalated: true, failedOver: false });
  });

  it('narrows by team, service, client, priority and responder', async () => {
    const { a, b, e } = await setUp();
    expect(await ids({ team: 'soc' })).toEqual([e.id]);
    expect(await ids({ service: 'edr' })).toEqual([e.id]);
    expect(await ids({ client: 'acme' })).toEqual([b.id]);
    expect(await ids({ priority: 'medium' })).toEqual([b.id]);
    expect(await ids({ responder: 'bob' })).toEqual([a.id, b.id]);
    expect(await ids({ responder: 'ann' })).toEqual([a.id]);
    expect(await ids({ responder: 'nobody' })).toEqual([]);
    expect(await ids({ fromMs: T0 + 7200_000, toMs: T0 + 9000_000 })).toEqual([]);
  });

  it('leaves out confidential incidents the viewer may not know, in incidents and pages alike', async () => {
    const { a, b, e } = await setUp();
    expect(await ids({ viewer: { userId: 'bob', seeAllConfidential: false } })).toEqual([a.id, b.id, e.id]);
    expect(await ids({ viewer: { userId: 'cara', seeAllConfidential: false } })).toEqual([a.id, e.id]);
    const pages = await ctx.store.reportPages(range({ viewer: { userId: 'cara', seeAllConfidential: false } }));
    expect(pages.map((p) => p.incidentId)).toEqual([a.id, a.id]);
  });

  it('reads the pages of the range with channel, creation and read times', async () => {
    const { a, b } = await setUp();
    const pages = (await ctx.store.reportPages(range())).sort((x, y) => x.createdMs - y.createdMs);
    expect(pages).toEqual([
      { incidentId: a.id, userId: 'bob', channel: 'push', createdMs: T0 + 10_000, readMs: T0 + 70_000 },
      { incidentId: a.id, userId: 'ann', channel: 'email', createdMs: T0 + 20_000, readMs: null },
      { incidentId: b.id, userId: 'bob', channel: 'push', createdMs: T0 + 110_000, readMs: null },
    ]);
    expect(await ctx.store.reportPages(range({ responder: 'ann' }))).toHaveLength(2);
  });

  it('reads the action items of post-mortems', async () => {
    await setUp();
    expect(await ctx.store.reportActionItems(['pm1', 'none'])).toEqual([
      { postmortemId: 'pm1', owner: 'bob', dueDate: '2029-12-31', state: 'open' },
      { postmortemId: 'pm1', owner: 'ann', dueDate: null, state: 'done' },
    ]);
    expect(await ctx.store.reportActionItems([])).toEqual([]);
  });

  it('keeps a person\'s own time zone, and none when not given', async () => {
    await ctx.store.upsertUser(makeUser({ id: 'kiri', email: 'kiri@example.com', timeZone: 'Pacific/Auckland' }));
    await ctx.store.upsertUser(makeUser({ id: 'lee', email: 'lee@example.com' }));
    expect((await ctx.store.getUser('kiri'))?.timeZone).toBe('Pacific/Auckland');
    expect(await ctx.store.getUser('lee')).not.toHaveProperty('timeZone');
    await ctx.store.upsertUser(makeUser({ id: 'kiri', email: 'kiri@example.com' }));
    expect(await ctx.store.getUser('kiri')).not.toHaveProperty('timeZone');
  });
}
