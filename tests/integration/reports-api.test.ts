import { rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import { ReportSchema, type Report } from '../../shared/schemas/report.js';
import { registerPhone } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

// Reports through the real relay: a real SQLite file, incidents ingested over HTTP, post-mortem
// rows written straight into the file (their writer is another feature).
let relay: RelayProcess;
let ann: ScheduleClient; // ir-manager: sees every confidential incident
let bob: ScheduleClient; // triage-analyst, in Pacific/Auckland by his own setting
let cara: ScheduleClient; // forensic-analyst
const opened: Record<string, Incident> = {};
let range: string;

const EVIL_NAME = '=HYPERLINK("http://evil.example")';

async function trigger(dedupKey: string, severity: string, key: string = KEYS.eventsV2): Promise<void> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: key, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: `Alert ${dedupKey}`, source: 'srv1', severity } }),
  });
  expect(response.status).toBe(202);
}

async function report(client: ScheduleClient, extra = ''): Promise<Report> {
  const { status, body } = await client.call('GET', `/api/v1/reports/summary?${range}${extra}`);
  expect(status).toBe(200);
  return ReportSchema.parse(body);
}

beforeAll(async () => {
  const config = writeTestConfig((doc) => {
    const bobUser = doc.users!.find((u) => u.id === 'bob')!;
    (bobUser as { timeZone?: string }).timeZone = 'Pacific/Auckland';
    doc.services!.find((s) => s.id === 'db')!.name = EVIL_NAME;
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config } });
  [ann, bob, cara] = await Promise.all([signInClient(relay.url, 'ann'), signInClient(relay.url, 'bob'), signInClient(relay.url, 'cara')]);
  const now = Date.now();
  range = `from=${encodeURIComponent(new Date(now - 3600_000).toISOString())}&to=${encodeURIComponent(new Date(now + 3600_000).toISOString())}`;
  await trigger('r1', 'critical'); // rmm rule #1 → high
  await trigger('r2', 'info'); // rmm rule #3 → low
  await trigger('c1', 'critical'); // made confidential below
  await trigger('d1', 'warning', KEYS.eventsV2Other); // db rule #1 → high
  const { body } = await ann.call('GET', '/api/v1/incidents');
  for (const incident of (body as { incidents: Incident[] }).incidents) opened[incident.dedupKey] = incident;
  expect(Object.keys(opened).sort()).toEqual(['c1', 'd1', 'r1', 'r2']);
  expect((await ann.call('POST', `/api/v1/incidents/${opened.c1!.id}/confidential`, { confidential: true })).status).toBe(200);

  const db = new BetterSqlite3(relay.dbPath);
  db.pragma('busy_timeout = 5000');
  const stamp = new Date().toISOString();
  db.prepare(
    `insert into postmortems (id, incident_id, state, reason, due_at, fields, stamps, digest, trigger_answer, created_at, updated_at, version)
     values ('pm1', ?, 'draft', 'high', null, '{}', '{}', null, 'could_have_waited', ?, ?, 1)`,
  ).run(opened.r1!.id, stamp, stamp);
  db.prepare(`insert into postmortem_incidents (incident_id, postmortem_id, position) values (?, 'pm1', 0)`).run(opened.r1!.id);
  db.prepare(
    `insert into postmortem_action_items (id, postmortem_id, position, title, owner, due_date, state) values ('ai1', 'pm1', 0, 'Demote the rule', 'bob', '2000-01-01', 'open')`,
  ).run();
  db.close();
}, 90_000);

afterAll(async () => {
  const dataDir = relay?.dataDir;
  await relay?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/v1/reports/summary', () => {
  it('reports the range with names from the config, rule hints and post-mortem figures', async () => {
    const r = await report(ann);
    expect(r.totals.incidents).toBe(4);
    expect(r.totals.byPriority).toEqual({ high: 3, medium: 0, low: 1 });
    expect(r.totals.couldHaveWaitedRate).toBe(1 / 4);
    expect(r.byTeam.map((g) => [g.key, g.name, g.figures.incidents])).toEqual([['noc', 'Network Operations', 4]]);
    expect(r.byService.map((g) => [g.key, g.name, g.figures.incidents])).toEqual([
      ['rmm', 'RMM alerts', 3],
      ['db', EVIL_NAME, 1],
    ]);
    // r1's priority came from rmm's first rule, and its post-mortem says it could have waited.
    expect(r.ruleHints).toEqual([{ rule: 'rmm#1', incidents: 2, falsePositives: 0, couldHaveWaited: 1 }]);
    expect(r.actionItems).toEqual({ open: 1, overdue: 1, done: 0 });
    expect(r.postmortems).toEqual({ due: 0, draft: 1, inReview: 0, signedOff: 0 });
    expect(r.responders.find((x) => x.userId === 'bob')).toMatchObject({ name: 'Bob Example', timeZone: 'Pacific/Auckland', actionItemsOpen: 1, actionItemsOverdue: 1 });
  });

  it('narrows by service and priority', async () => {
    expect((await report(ann, '&service=db')).totals.incidents).toBe(1);
    expect((await report(ann, '&priority=low')).totals.incidents).toBe(1);
    expect((await report(ann, '&team=soc')).totals.incidents).toBe(0);
  });

  it('counts a confidential incident only for people who may know it', async () => {
    expect((await report(bob)).totals.incidents).toBe(3);
    expect((await report(cara)).totals.incidents).toBe(3);
    expect((await report(bob, '&service=rmm')).byService).toEqual([expect.objectContaining({ key: 'rmm', figures: expect.objectContaining({ incidents: 2 }) })]);
    expect((await ann.call('POST', `/api/v1/incidents/${opened.c1!.id}/need-to-know`, { userId: 'bob' })).status).toBe(200);
    expect((await report(bob)).totals.incidents).toBe(4);
    expect((await report(cara)).totals.incidents).toBe(3);
  });

  it('refuses bad, unknown, repeated and too long parameters with a 400 naming them', async () => {
    const now = Date.now();
    const at = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    const cases: [string, string][] = [
      [`${range}&foo=1`, 'foo'],
      [`${range}&priority=urgent`, 'priority'],
      [`${range}&team=NOC`, 'team'],
      [`${range}&team=noc&team=soc`, 'team'],
      [`${range}&responder=${'x'.repeat(300)}`, 'responder'],
      [`to=${at(now)}`, 'from'],
      [`from=yesterday&to=${at(now)}`, 'from'],
      [`from=${at(now)}&to=${at(now - 1000)}`, 'to'],
      [`from=${at(now - 367 * 86_400_000)}&to=${at(now)}`, 'to'],
    ];
    for (const [query, field] of cases) {
      const { status, body } = await ann.call('GET', `/api/v1/reports/summary?${query}`);
      expect([query, status, (body as { field?: string }).field]).toEqual([query, 400, field]);
    }
  });

  it('refuses no token, a phone token and a wallboard token', async () => {
    const url = `${relay.url}/api/v1/reports/summary?${range}`;
    expect((await fetch(url)).status).toBe(401);
    const device = await registerPhone(relay.url, bob.token);
    expect((await fetch(url, { headers: { authorization: `Bearer ${device}` } })).status).toBe(403);
    expect((await fetch(`${relay.url}/api/v1/reports/summary.csv?${range}`, { headers: { authorization: `Bearer ${device}` } })).status).toBe(403);
    const created = await ann.call('POST', '/api/v1/wallboard-tokens', { name: 'Office' });
    expect(created.status).toBe(201);
    const wallboard = (created.body as { token: string }).token;
    expect((await fetch(url, { headers: { authorization: `Bearer ${wallboard}` } })).status).toBe(401);
  });
});

describe('report downloads', () => {
  it('writes the CSV with a section column, quoted and formula-safe', async () => {
    const response = await fetch(`${relay.url}/api/v1/reports/summary.csv?${range}`, { headers: { authorization: `Bearer ${ann.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="klaxon-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe('section,key,name,metric,value');
    expect(lines).toContain('totals,,All incidents,incidents,4');
    expect(lines).toContain(`byService,db,"'=HYPERLINK(""http://evil.example"")",incidents,1`);
    expect(lines).toContain('ruleHints,rmm#1,rmm#1,couldHaveWaited,1');
  });

  it('offers the JSON as a download, the same report as the summary', async () => {
    const response = await fetch(`${relay.url}/api/v1/reports/summary.json?${range}&priority=high`, { headers: { authorization: `Bearer ${ann.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.json"$/);
    const body = ReportSchema.parse(await response.json());
    expect(body.query.priority).toBe('high');
    expect(body.totals.incidents).toBe(3);
  });
});
