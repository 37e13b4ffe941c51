import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import type { Page } from '../../shared/schemas/page.js';
import type { Postmortem, PostmortemEditResult, PostmortemSummary } from '../../shared/schemas/postmortem.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

// Post-mortems over the real API of a relay process (issue 14): the example config's rule
// `every-high` asks for one when a high incident resolves (the `db` service's alerts are high).

let relay: RelayProcess;
let ann: ScheduleClient; // ir-manager
let bob: ScheduleClient; // triage-analyst
let cara: ScheduleClient; // forensic-analyst

beforeAll(async () => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  [ann, bob, cara] = await Promise.all([signInClient(relay.url, 'ann'), signInClient(relay.url, 'bob'), signInClient(relay.url, 'cara')]);
}, 60_000);
afterAll(async () => {
  await relay?.dispose();
  if (relay) rmSync(relay.dataDir, { recursive: true, force: true });
});

async function trigger(dedupKey: string, key: string = KEYS.eventsV2Other, count = 1): Promise<Incident> {
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${relay.url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routing_key: key, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: `Disk full ${dedupKey}`, source: 'db1', severity: 'critical' } }),
    });
    expect(response.status).toBe(202);
  }
  const { body } = await ann.call('GET', '/api/v1/incidents');
  const found = (body as { incidents: Incident[] }).incidents.find((i) => i.dedupKey === dedupKey);
  if (!found) throw new Error(`no open incident ${dedupKey}`);
  return found;
}

async function incident(id: string): Promise<Incident> {
  return ((await ann.call('GET', `/api/v1/incidents/${id}`)).body as { incident: Incident }).incident;
}

/** Reads until the relay's post-resolve rule has filed the incident's post-mortem (it runs after the resolve commits). */
async function postmortemOf(client: ScheduleClient, incidentId: string): Promise<Postmortem> {
  for (;;) {
    const answer = await client.call('GET', `/api/v1/incidents/${incidentId}/postmortem`);
    if (answer.status === 200) return answer.body as Postmortem;
    expect(answer.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('post-mortems over the API', () => {
  it('files a due post-mortem when a high incident resolves, pre-filled from its record', async () => {
    const opened = await trigger('pm-high', KEYS.eventsV2Other, 3);
    expect(opened.priority).toBe('high');
    expect((await bob.call('POST', `/api/v1/incidents/${opened.id}/acknowledge`)).status).toBe(200);
    expect((await bob.call('POST', `/api/v1/incidents/${opened.id}/resolve`)).status).toBe(200);
    const resolved = await incident(opened.id);

    const pm = await postmortemOf(bob, opened.id);
    expect(pm).toMatchObject({ incidentIds: [opened.id], state: 'due', reason: 'every-high', version: 1, comments: [] });
    expect(Date.parse(pm.dueAt!)).toBe(Date.parse(resolved.resolvedAt!) + 5 * 86_400_000);
    const digest = pm.digest;
    expect(digest).toMatchObject({ incidentIds: [opened.id], priority: 'high', serviceId: 'db', foldedAlerts: 2, failover: null });
    // Who was paged on which channel, as the incident's own record says (nobody has a phone here, so pushes fail).
    const { pages } = (await ann.call('GET', `/api/v1/incidents/${opened.id}`)).body as { pages: Page[] };
    expect(digest.pages.map((p) => [p.userId, p.channel, p.state])).toEqual(
      [...pages].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)).map((p) => [p.userId, p.channel, p.state]),
    );
    expect(digest.failedPages).toBe(pages.filter((p) => p.state === 'failed').length);
    expect(digest.firstAlertAt).toBe(resolved.firstSeenAt);
    expect(digest.acknowledgedAt).toBe(resolved.acknowledgedAt);
    expect(digest.resolvedAt).toBe(resolved.resolvedAt);
    expect(digest.timeToResolveMs).toBe(Date.parse(resolved.resolvedAt!) - Date.parse(resolved.firstSeenAt));
    expect(digest.steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['first-alert', 'acknowledged', 'resolved']));
    expect(digest.steps.find((s) => s.kind === 'acknowledged')?.who).toBe('bob');

    // The list shows it as due; the one resolve made exactly one.
    const due = (await ann.call('GET', '/api/v1/postmortems?state=due')).body as { postmortems: PostmortemSummary[] };
    expect(due.postmortems.filter((p) => p.incidentIds.includes(opened.id))).toEqual([
      expect.objectContaining({ id: pm.id, state: 'due', priority: 'high', summary: 'Disk full pm-high', openActionItems: 0 }),
    ]);
    expect((await ann.call('GET', `/api/v1/postmortems/${pm.id}`)).body).toMatchObject({ id: pm.id });
  });

  it('edits fields (first write makes it a draft), keeps action item rows, comments, reviews and signs off', async () => {
    const opened = await trigger('pm-flow');
    await bob.call('POST', `/api/v1/incidents/${opened.id}/resolve`);
    const pm = await postmortemOf(bob, opened.id);

    const summary = await bob.call('PATCH', `/api/v1/postmortems/${pm.id}`, { field: 'summary', value: 'The disk filled up.', baseVersion: 0 });
    expect(summary.status).toBe(200);
    const afterSummary = summary.body as PostmortemEditResult;
    expect(afterSummary.conflict).toBeNull();
    expect(afterSummary.postmortem).toMatchObject({ state: 'draft', fields: { summary: 'The disk filled up.' }, version: 2 });
    expect(afterSummary.postmortem.stamps.summary).toMatchObject({ version: 1, updatedBy: 'bob' });

    const items = await cara.call('PATCH', `/api/v1/postmortems/${pm.id}`, {
      field: 'actionItems',
      baseVersion: 0,
      value: [
        { title: 'Alert at 80% disk, not 95%', owner: 'cara', dueDate: '2030-01-15', link: { kind: 'priority-rule', ref: 'db#1' } },
        { title: 'Add a runbook', link: { kind: 'runbook', ref: 'db' } },
        { title: 'Fix the Grafana mapping', state: 'done', link: { kind: 'integration', ref: 'db/grafana' } },
        { title: 'Check the rota', link: { kind: 'schedule', ref: 'noc-primary' } },
      ],
    });
    expect(items.status).toBe(200);
    const saved = (items.body as PostmortemEditResult).postmortem.fields.actionItems;
    expect(saved.map((i) => i.id.length > 0)).toEqual([true, true, true, true]);
    // Ids stay stable when the list is written again.
    const again = await cara.call('PATCH', `/api/v1/postmortems/${pm.id}`, { field: 'actionItems', baseVersion: 1, value: [saved[1], { ...saved[0], state: 'done' }] });
    expect((again.body as PostmortemEditResult).postmortem.fields.actionItems.map((i) => [i.id, i.state])).toEqual([
      [saved[1]!.id, 'open'],
      [saved[0]!.id, 'done'],
    ]);
    const listed = (await ann.call('GET', '/api/v1/postmortems?state=draft')).body as { postmortems: PostmortemSummary[] };
    expect(listed.postmortems.find((p) => p.id === pm.id)).toMatchObject({ openActionItems: 1, state: 'draft' });

    const comment = await cara.call('POST', `/api/v1/postmortems/${pm.id}/comments`, { body: '  Should we page the DBA team too?  ' });
    expect(comment.status).toBe(200);
    expect((comment.body as Postmortem).comments).toEqual([expect.objectContaining({ authorId: 'cara', body: 'Should we page the DBA team too?' })]);

    expect((await bob.call('POST', `/api/v1/postmortems/${pm.id}/transition`, { to: 'in_review' })).body).toMatchObject({ state: 'in_review', reviewRequestedBy: 'bob' });
    // Sign-off needs the three questions answered, and names what is missing.
    const early = await ann.call('POST', `/api/v1/postmortems/${pm.id}/transition`, { to: 'signed_off' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ field: 'questions.trigger' });
    expect((early.body as { error: string }).error).toContain('questions.delivery.answer');

    const answers = { trigger: 'could_have_waited', delivery: { answer: 'missed', who: ['dan'], note: 'asleep' }, information: { enough: false, missing: 'which volume' } };
    expect((await bob.call('PATCH', `/api/v1/postmortems/${pm.id}`, { field: 'questions', value: answers, baseVersion: 0 })).status).toBe(200);
    const signed = await ann.call('POST', `/api/v1/postmortems/${pm.id}/transition`, { to: 'signed_off', note: 'good work' });
    expect(signed.status).toBe(200);
    const frozen = signed.body as Postmortem;
    expect(frozen).toMatchObject({ state: 'signed_off', signedOffBy: 'ann', fields: { questions: answers } });

    // Frozen: later changes to the incident do not change the signed-off digest.
    await ann.call('POST', `/api/v1/incidents/${opened.id}/verdict`, { verdict: 'confirmed' });
    expect(((await ann.call('GET', `/api/v1/postmortems/${pm.id}`)).body as Postmortem).digest).toEqual(frozen.digest);

    // An IR manager reopens it; then the digest is computed again.
    const reopened = await ann.call('POST', `/api/v1/postmortems/${pm.id}/transition`, { to: 'draft' });
    expect(reopened.body).toMatchObject({ state: 'draft', signedOffBy: null, signedOffAt: null, digest: { triageVerdict: 'confirmed' } });
  });

  it('starts one by hand for linked incidents, once per incident', async () => {
    const first = await trigger('pm-link-1', KEYS.eventsV2);
    const second = await trigger('pm-link-2', KEYS.eventsV2);
    const made = await bob.call('POST', '/api/v1/postmortems', { incidentIds: [first.id, second.id] });
    expect(made.status).toBe(201);
    const pm = made.body as Postmortem;
    expect(pm).toMatchObject({ incidentIds: [first.id, second.id], state: 'draft', reason: 'manual', dueAt: null });
    expect(pm.digest.incidentIds).toEqual([first.id, second.id]);
    expect(pm.digest.resolvedAt).toBeNull();
    expect(((await bob.call('GET', `/api/v1/incidents/${second.id}/postmortem`)).body as Postmortem).id).toBe(pm.id);

    const twice = await cara.call('POST', '/api/v1/postmortems', { incidentIds: [second.id] });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ field: 'incidentIds.0' });
    // Resolving a linked incident files nothing more.
    await bob.call('POST', `/api/v1/incidents/${first.id}/resolve`);
    await bob.call('POST', `/api/v1/incidents/${second.id}/resolve`);
    const digest = ((await bob.call('GET', `/api/v1/postmortems/${pm.id}`)).body as Postmortem).digest;
    expect(digest.resolvedAt).toBe((await incident(second.id)).resolvedAt);

    const missing = await bob.call('POST', '/api/v1/postmortems', { incidentIds: ['no-such-incident'] });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ field: 'incidentIds.0' });
  });
});
