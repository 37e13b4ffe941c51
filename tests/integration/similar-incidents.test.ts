import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimilarIncidents } from '../../shared/schemas/history.js';
import type { Incident } from '../../shared/schemas/incident.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

/** How long the hint may take to reach the board on a loaded machine (an outcome, polled). */
const HINT_WITHIN_MS = 30_000;

let relay: RelayProcess;
let ann: ScheduleClient; // ir-manager
let bob: ScheduleClient; // triage-analyst

beforeAll(async () => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  [ann, bob] = await Promise.all([signInClient(relay.url, 'ann'), signInClient(relay.url, 'bob')]);
}, 60_000);
afterAll(async () => {
  const dir = relay?.dataDir;
  await relay?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Sends a trigger and answers the open incident it opened. */
async function trigger(dedupKey: string, summary: string, source = 'web-7', component = 'nginx'): Promise<Incident> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: dedupKey, payload: { summary, source, severity: 'critical', component } }),
  });
  expect(response.status).toBe(202);
  const { body } = await ann.call('GET', '/api/v1/incidents');
  const found = (body as { incidents: Incident[] }).incidents.find((i) => i.dedupKey === dedupKey);
  if (!found) throw new Error(`no open incident ${dedupKey}`);
  return found;
}

async function similar(client: ScheduleClient, id: string) {
  return client.call('GET', `/api/v1/incidents/${encodeURIComponent(id)}/similar`);
}

async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const until = Date.now() + HINT_WITHIN_MS;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`not reached: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('similar past incidents through the relay', () => {
  it('lists earlier incidents alike with how they ended, hides a confidential one from those who may not know it, and hints the board without it', async () => {
    const first = await trigger('nginx-502', 'nginx 502 on web-7');
    expect((await bob.call('POST', `/api/v1/incidents/${first.id}/dismiss`, { reason: 'deploy restart' })).status).toBe(200);
    const second = await trigger('nginx-502', 'nginx 502 on web-7 again');
    expect((await bob.call('POST', `/api/v1/incidents/${second.id}/dismiss`, { reason: 'deploy restart' })).status).toBe(200);
    const secret = await trigger('nginx-502', 'nginx 502: attacker probing');
    expect((await ann.call('POST', `/api/v1/incidents/${secret.id}/confidential`, { confidential: true })).status).toBe(200);
    expect((await ann.call('POST', `/api/v1/incidents/${secret.id}/verdict`, { verdict: 'confirmed' })).status).toBe(200);
    expect((await ann.call('POST', `/api/v1/incidents/${secret.id}/resolve`)).status).toBe(200);
    const unrelated = await trigger('disk-full', 'Disk full', 'db-9', 'postgres');
    expect((await ann.call('POST', `/api/v1/incidents/${unrelated.id}/resolve`)).status).toBe(200);
    // Alike by its words only: another key, source and component.
    const wordy = await trigger('lb-health', 'nginx 502 on web-7', 'lb-2', 'haproxy');
    expect((await ann.call('POST', `/api/v1/incidents/${wordy.id}/resolve`)).status).toBe(200);

    const current = await trigger('nginx-502', 'nginx 502 on web-7');
    const forBob = await similar(bob, current.id);
    expect(forBob.status).toBe(200);
    const bobs = forBob.body as SimilarIncidents;
    expect(bobs.similar.map((s) => s.incident.id)).toEqual([second.id, first.id, wordy.id]);
    expect(bobs.similar[0]).toMatchObject({ reasons: ['dedup_key', 'source', 'labels', 'text'], resolvedBy: { type: 'user', id: 'bob' }, actionItems: [] });
    expect(bobs.similar[2]).toMatchObject({ reasons: ['text'], resolvedBy: { type: 'user', id: 'ann' } });
    expect(bobs.similar[0]!.incident.triageVerdict).toBe('false_positive');
    expect(bobs.similar[0]!.timeToResolveMs).toBeGreaterThanOrEqual(0);
    expect(bobs.hint).toEqual({ similar: 3, falsePositives: 2, confirmed: 0 });

    const forAnn = (await similar(ann, current.id)).body as SimilarIncidents;
    // The secret one shares the words too (in its summary and source) and is the most recent of the best.
    expect(forAnn.similar.map((s) => s.incident.id)).toEqual([secret.id, second.id, first.id, wordy.id]);
    expect(forAnn.hint).toEqual({ similar: 4, falsePositives: 2, confirmed: 1 });

    // The board's hint counts no confidential past incident, whoever looks.
    const hinted = await eventually(
      async () => ((await bob.call('GET', `/api/v1/incidents/${current.id}`)).body as { incident: Incident }).incident,
      (incident) => incident.historyHint !== undefined && incident.historyHint !== null,
    );
    expect(hinted.historyHint).toEqual({ similar: 3, falsePositives: 2, confirmed: 0 });
  });

  it('refuses what it must: a confidential incident to someone not on its list, unknown ids, malformed ids, no sign-in', async () => {
    const hidden = await trigger('secret-thing', 'something secret', 'vault-1', 'vault');
    expect((await ann.call('POST', `/api/v1/incidents/${hidden.id}/confidential`, { confidential: true })).status).toBe(200);
    const refused = await similar(bob, hidden.id);
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ field: 'id' });
    expect((await similar(ann, hidden.id)).status).toBe(200);
    expect((await similar(bob, 'no-such-incident')).status).toBe(404);
    // An id past the router's parameter bound never reaches the route: a refusal (414, or 403 from
    // the static files behind the router), never an answer or a server error.
    const huge = await similar(bob, 'x'.repeat(5000));
    expect([403, 414]).toContain(huge.status);
    const anonymous = await fetch(`${relay.url}/api/v1/incidents/${hidden.id}/similar`);
    expect(anonymous.status).toBe(401);
  });
});
