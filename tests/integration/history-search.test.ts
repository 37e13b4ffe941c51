import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../shared/schemas/history.js';
import { login } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

/**
 * The incident history through a real relay process: alerts go in through the Events API, the
 * incident is resolved, and a word found only in an alert's payload finds it again; a confidential
 * incident stays out of an analyst's results; searches are saved and listed.
 */
let relay: RelayProcess;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  for (const name of ['ann', 'bob']) tokens[name] = await login(relay.url, name, `change-me-${name}`);
});
afterAll(() => relay?.dispose());

const api = async (who: string, path: string, body?: unknown) => {
  const response = await fetch(`${relay.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, text, body: (text ? JSON.parse(text) : undefined) as any };
};

const event = async (action: 'trigger' | 'resolve', dedupKey: string, details: Record<string, unknown> = {}) => {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: action,
      dedup_key: dedupKey,
      ...(action === 'trigger' ? { payload: { summary: `Suspicious process on ${dedupKey}`, source: 'edr', severity: 'critical', custom_details: details } } : {}),
    }),
  });
  expect(response.status).toBe(202);
};

const search = async (who: string, query: string): Promise<HistoryPage> => {
  const response = await api(who, `/api/v1/incidents?${query}`);
  expect(response.status).toBe(200);
  return response.body as HistoryPage;
};

describe('the incident history over a real relay', () => {
  it('finds a resolved incident by a word only its alert payloads hold, with a snippet', async () => {
    await event('trigger', 'ws-17', { process: 'mimikatz.exe', host: 'ws-17' });
    await event('trigger', 'ws-17', { technique: 'lateral movement via quokka share' });
    await event('resolve', 'ws-17');
    await event('trigger', 'ws-18', { process: 'notepad.exe' });

    const page = await search('bob', 'q=mimikatz&status=resolved');
    expect(page.incidents.map((i) => i.dedupKey)).toEqual(['ws-17']);
    expect(page.total).toBe(1);
    const id = page.incidents[0]!.id;
    expect(page.snippets[id]).toContainEqual({ text: 'mimikatz', match: true });
    // The folded alert's payload is searched too, and the incident opens.
    expect((await search('bob', 'q=quokka')).incidents.map((i) => i.id)).toEqual([id]);
    expect((await api('bob', `/api/v1/incidents/${id}`)).body.incident.status).toBe('resolved');
    expect((await search('bob', 'q=mimikatz&status=open')).total).toBe(0);
    // A note is searched as soon as it is written.
    const other = (await search('bob', 'q=notepad')).incidents[0]!;
    expect((await api('bob', `/api/v1/incidents/${other.id}/notes`, { text: 'Quarantined by the narwhal team' })).status).toBeLessThan(300);
    expect((await search('bob', 'q=narwhal')).incidents.map((i) => i.id)).toEqual([other.id]);
  });

  it('keeps a confidential incident out of an analyst\'s results and counts, and names a bad parameter', async () => {
    await event('trigger', 'ws-19', { process: 'okapi-dropper.exe' });
    const id = (await search('ann', 'q=okapi')).incidents[0]!.id;
    expect((await api('ann', `/api/v1/incidents/${id}/confidential`, { confidential: true })).status).toBe(200);
    const asBob = await search('bob', 'q=okapi');
    expect(asBob).toMatchObject({ incidents: [], total: 0, facets: { priority: {} } });
    expect((await search('ann', 'q=okapi')).total).toBe(1);
    const bad = await api('bob', '/api/v1/incidents?q=okapi&colour=red');
    expect(bad).toMatchObject({ status: 400, body: { field: 'colour' } });
  });

  it('saves a search and lists it back', async () => {
    const saved = await api('bob', '/api/v1/saved-searches', { name: 'Mimikatz', query: 'q=mimikatz&status=resolved' });
    expect(saved.status).toBe(201);
    const list = await api('bob', '/api/v1/saved-searches');
    expect(list.body.searches.map((s: { name: string }) => s.name)).toEqual(['Mimikatz']);
    expect((await api('ann', '/api/v1/saved-searches')).body.searches).toEqual([]);
  });
});
