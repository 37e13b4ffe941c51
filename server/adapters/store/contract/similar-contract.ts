import { expect, it } from 'vitest';
import type { Incident } from '../../../../shared/schemas/incident.js';
import type { PastIncidentAudience, SimilarCandidateQuery } from '../../../app/ports/similar-store.js';
import { emptyFields, freshStamps } from '../../../core/postmortem/field-edit.js';
import type { ContractContext } from './context.js';
import { at, iso, makeAlert, makeEvent, makeIncident, makeUser } from './fixtures.js';

/** Similar past incidents: the bounded candidate read, need-to-know inside it, and how each ended. */
export function similarContract(ctx: ContractContext): void {
  const resolved = (overrides: Parameters<typeof makeIncident>[0], seconds: number) =>
    ctx.store.insertIncident(makeIncident({ status: 'resolved', resolvedAt: iso(seconds + 60), escalation: 'stopped', ...overrides }, seconds));
  const query = (current: Incident, overrides: Partial<SimilarCandidateQuery> = {}): SimilarCandidateQuery => ({
    incidentId: current.id,
    serviceId: current.serviceId,
    dedupKey: current.dedupKey,
    source: current.source,
    audience: { kind: 'all' },
    window: 1000,
    perReason: 10,
    ...overrides,
  });
  const ids = async (q: SimilarCandidateQuery) => (await ctx.store.listSimilarCandidates(q)).map((c) => c.incident.id);

  it('finds resolved incidents with the same dedup key, source or service, most recent first, each once, with its first alert', async () => {
    const sameKey = await resolved({ dedupKey: 'disk-full', source: 'other', serviceId: 'web' }, 0);
    const sameSource = await resolved({ dedupKey: 'k2', source: 'db-1', serviceId: 'web' }, 10);
    const sameService = await resolved({ dedupKey: 'k3', source: 'elsewhere' }, 20);
    const unrelated = await resolved({ dedupKey: 'k4', source: 'elsewhere', serviceId: 'web' }, 30);
    const stillOpen = await ctx.store.insertIncident(makeIncident({ dedupKey: 'disk-full', serviceId: 'web', source: 'db-1' }, 40));
    const current = await ctx.store.insertIncident(makeIncident({ dedupKey: 'disk-full', source: 'db-1' }, 50));
    await ctx.store.insertAlert(makeAlert(sameKey.id, 1, { integrationType: 'alertmanager', payload: { alert: { labels: { alertname: 'DiskFull' } } } }));
    await ctx.store.insertAlert(makeAlert(sameKey.id, 2, { payload: { later: true } }));
    const found = await ctx.store.listSimilarCandidates(query(current));
    expect(found.map((c) => c.incident.id)).toEqual([sameService.id, sameSource.id, sameKey.id]);
    expect(found.map((c) => c.incident.id)).not.toContain(unrelated.id);
    expect(found.map((c) => c.incident.id)).not.toContain(stillOpen.id);
    expect(found[2]!.firstAlert).toEqual({ integrationType: 'alertmanager', payload: { alert: { labels: { alertname: 'DiskFull' } } } });
    expect(found[0]!.firstAlert).toBeNull();
    expect(found[2]!.incident).toEqual(sameKey);
    // The incident in view is never its own candidate, even once resolved.
    await ctx.store.updateIncident(current.id, { status: 'resolved', resolvedAt: iso(100) });
    expect(await ids(query(current))).not.toContain(current.id);
    // An empty dedup key or source matches nothing by that reason.
    expect(await ids(query(current, { dedupKey: '', source: '', serviceId: 'none' }))).toEqual([]);
  });

  it('keeps at most perReason per reason and looks no further back than the window', async () => {
    const keys = [];
    for (let i = 0; i < 5; i += 1) keys.push(await resolved({ dedupKey: 'disk-full', source: `s${i}`, serviceId: 'web' }, i * 10));
    const current = await ctx.store.insertIncident(makeIncident({ dedupKey: 'disk-full', source: 'db-1' }, 100));
    expect(await ids(query(current, { perReason: 2 }))).toEqual([keys[4]!.id, keys[3]!.id]);
    const recent = await resolved({ dedupKey: 'x', source: 'x', serviceId: 'x' }, 90);
    // The window holds the two most recently first-seen resolved incidents: `recent` (unrelated) and keys[4].
    expect(await ids(query(current, { window: 2 }))).toEqual([keys[4]!.id]);
    expect(recent.id).toBeDefined();
  });

  it('applies the audience inside the query: confidential ones only for whoever may know them', async () => {
    const open = await resolved({ dedupKey: 'disk-full' }, 0);
    const secret = await resolved({ dedupKey: 'disk-full', confidential: true }, 10);
    const listed = await resolved({ dedupKey: 'disk-full', confidential: true }, 20);
    for (const id of ['ann', 'cara']) await ctx.store.upsertUser(makeUser({ id, email: `${id}@example.com` }));
    await ctx.store.addNeedToKnow({ incidentId: listed.id, userId: 'cara', addedBy: 'ann', addedAt: at(30) });
    const current = await ctx.store.insertIncident(makeIncident({ dedupKey: 'disk-full' }, 40));
    const seenBy = (audience: PastIncidentAudience) => ids(query(current, { audience }));
    expect(await seenBy({ kind: 'all' })).toEqual([listed.id, secret.id, open.id]);
    expect(await seenBy({ kind: 'user', userId: 'cara' })).toEqual([listed.id, open.id]);
    expect(await seenBy({ kind: 'user', userId: 'bob' })).toEqual([open.id]);
    expect(await seenBy({ kind: 'everyone' })).toEqual([open.id]);
  });

  it('tells who resolved each incident and its post-mortem action items, in the order asked', async () => {
    const a = await resolved({}, 0);
    const b = await resolved({}, 10);
    await ctx.store.appendTimeline(makeEvent(a.id, 30, { type: 'incident.resolved', actor: { type: 'user', id: 'bob' }, data: {} }));
    await ctx.store.appendTimeline(makeEvent(a.id, 40, { type: 'note.added', actor: { type: 'user', id: 'cara' } }));
    await ctx.store.insertPostmortem({
      id: 'pm-1',
      incidentIds: [a.id],
      state: 'draft',
      reason: 'manual',
      dueAt: null,
      fields: {
        ...emptyFields(),
        actionItems: [
          { id: 'ai-1', title: 'Raise the threshold', owner: null, dueDate: null, state: 'done', link: null },
          { id: 'ai-2', title: 'Write the runbook', owner: null, dueDate: null, state: 'open', link: null },
        ],
      },
      stamps: freshStamps(),
      digest: null,
      createdAt: at(50),
      updatedAt: at(50),
      reviewRequestedBy: null,
      signedOffBy: null,
      signedOffAt: null,
      version: 1,
    });
    expect(await ctx.store.listPastIncidentOutcomes([b.id, a.id])).toEqual([
      { incidentId: b.id, resolvedBy: null, actionItems: [] },
      {
        incidentId: a.id,
        resolvedBy: { type: 'user', id: 'bob' },
        actionItems: [
          { title: 'Raise the threshold', done: true },
          { title: 'Write the runbook', done: false },
        ],
      },
    ]);
    expect(await ctx.store.listPastIncidentOutcomes([])).toEqual([]);
  });
}
