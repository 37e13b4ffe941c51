import { rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/schemas/audit.js';
import type { Incident } from '../../shared/schemas/incident.js';
import type { MaintenanceWindowView } from '../../shared/schemas/maintenance.js';
import type { Page } from '../../shared/schemas/page.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

/** How long a relay restart plus the overdue boundary row may take on a loaded machine. */
const OUTCOME_WITHIN_MS = 60_000;

let relay: RelayProcess;
let configPath: string;
let ann: ScheduleClient; // ir-manager
let dan: ScheduleClient; // responder

async function signIn(): Promise<void> {
  [ann, dan] = await Promise.all([signInClient(relay.url, 'ann'), signInClient(relay.url, 'dan')]);
}

beforeAll(async () => {
  configPath = writeTestConfig();
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: configPath } });
  await signIn();
}, 60_000);
afterAll(async () => {
  const dir = relay?.dataDir;
  await relay?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function trigger(dedupKey: string, key: string = KEYS.eventsV2): Promise<string> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: key, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: `Alert ${dedupKey}`, source: 'srv1', severity: 'critical' } }),
  });
  expect(response.status).toBe(202);
  const { body } = await ann.call('GET', '/api/v1/incidents');
  const found = (body as { incidents: Incident[] }).incidents.find((i) => i.dedupKey === dedupKey);
  if (!found) throw new Error(`no open incident ${dedupKey}`);
  return found.id;
}

async function detail(id: string) {
  return (await ann.call('GET', `/api/v1/incidents/${id}`)).body as { incident: Incident; timeline: TimelineEvent[]; pages: Page[] };
}

/** Polls until `check` holds (an outcome, not a time), failing with the last value after the deadline. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, deadlineMs = OUTCOME_WITHIN_MS): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`not reached: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const running = (over: Record<string, unknown> = {}) => ({
  name: 'Core switch upgrade',
  reason: 'Firmware 17.3',
  match: { services: ['rmm'] },
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  onEnd: 'release',
  ...over,
});

describe('maintenance windows API', () => {
  it('creates a running window, holds a matching alert without paging, leaves other services alone, and audits it', async () => {
    const created = await ann.call('POST', '/api/v1/maintenance-windows', running({ id: 'switch-upgrade' }));
    expect(created.status).toBe(201);
    const window = (created.body as { window: MaintenanceWindowView }).window;
    expect(window).toMatchObject({ id: 'switch-upgrade', state: 'active', createdBy: 'ann', timeZone: 'America/New_York', managedBy: 'console' });

    const held = await trigger('maint-held');
    const other = await trigger('maint-other', KEYS.eventsV2Other);
    const seen = await detail(held);
    expect(seen.incident).toMatchObject({ escalation: 'deferred', suppressedBy: { id: 'switch-upgrade', name: 'Core switch upgrade' } });
    expect(seen.timeline.map((e) => e.type)).toEqual(['incident.opened', 'maintenance.suppressed']);
    expect(seen.pages).toEqual([]);
    // The other service's alert pages as usual.
    await eventually(() => detail(other), (d) => d.pages.length > 0);
    expect((await detail(held)).pages).toEqual([]);

    const list = (await dan.call('GET', '/api/v1/maintenance-windows')).body as { windows: MaintenanceWindowView[] };
    expect(list.windows.map((w) => [w.id, w.state])).toEqual([['switch-upgrade', 'active']]);
    const audit = (await ann.call('GET', '/api/v1/audit?limit=50')).body as { events: AuditEntry[] };
    expect(audit.events.map((e) => e.action)).toEqual(expect.arrayContaining(['maintenance.created', 'maintenance.suppressed']));

    // The wallboard lists the running window by name.
    const wall = (await ann.call('GET', '/api/v1/stats/wallboard')).body as { maintenance?: { id: string; name: string }[] };
    expect(wall.maintenance).toMatchObject([{ id: 'switch-upgrade', name: 'Core switch upgrade' }]);
  });

  it('ends the window now on request and hands its held incident to escalation', async () => {
    const held = (await ann.call('GET', '/api/v1/incidents')).body as { incidents: Incident[] };
    const id = held.incidents.find((i) => i.dedupKey === 'maint-held')!.id;
    const ended = await ann.call('POST', '/api/v1/maintenance-windows/switch-upgrade/end');
    expect(ended.status).toBe(200);
    expect((ended.body as { window: MaintenanceWindowView }).window.state).toBe('past');
    const released = await eventually(() => detail(id), (d) => d.pages.length > 0);
    expect(released.incident.suppressedBy).toBeUndefined();
    expect(released.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['maintenance.released', 'incident.released']));
    expect((await ann.call('POST', '/api/v1/maintenance-windows/switch-upgrade/end')).status).toBe(409);
    expect((await ann.call('DELETE', '/api/v1/maintenance-windows/switch-upgrade')).status).toBe(204);
    expect((await ann.call('GET', '/api/v1/maintenance-windows/switch-upgrade')).status).toBe(404);
  });

  it('previews a recurrence in local wall time', async () => {
    const preview = await dan.call('POST', '/api/v1/maintenance-windows/preview', {
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU;COUNT=60', start: '2026-01-04T02:00', durationMinutes: 120 },
      timeZone: 'Europe/London',
      count: 3,
    });
    expect(preview.status).toBe(200);
    const { occurrences } = preview.body as { occurrences: { start: string; end: string }[] };
    expect(occurrences.length).toBeLessThanOrEqual(3);
    for (const o of occurrences) expect(new Date(o.start).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' })).toBe('02:00');
  });
});

describe('maintenance windows misuse', () => {
  it('refuses a responder every write (403, before the body), and strangers everything (401)', async () => {
    expect((await dan.call('POST', '/api/v1/maintenance-windows', running())).status).toBe(403);
    expect((await dan.call('POST', '/api/v1/maintenance-windows', { junk: true })).status).toBe(403);
    const made = await ann.call('POST', '/api/v1/maintenance-windows', running({ id: 'no-touch', startsAt: new Date(Date.now() + 3_600_000).toISOString(), endsAt: new Date(Date.now() + 7_200_000).toISOString() }));
    expect(made.status).toBe(201);
    expect((await dan.call('PUT', '/api/v1/maintenance-windows/no-touch', running())).status).toBe(403);
    expect((await dan.call('POST', '/api/v1/maintenance-windows/no-touch/end')).status).toBe(403);
    expect((await dan.call('DELETE', '/api/v1/maintenance-windows/no-touch')).status).toBe(403);
    expect((await fetch(`${relay.url}/api/v1/maintenance-windows`)).status).toBe(401);
    expect((await ann.call('GET', '/api/v1/maintenance-windows/no-touch')).body).toMatchObject({ window: { name: 'Core switch upgrade', state: 'upcoming' } });
    expect((await ann.call('DELETE', '/api/v1/maintenance-windows/no-touch')).status).toBe(204);
  });

  it('answers 400 naming the field for a bad rule, an unknown service, a reversed window, and 413 for a huge body', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [running({ startsAt: undefined, endsAt: undefined, recurrence: { rrule: 'FREQ=MINUTELY', start: '2026-01-01T00:00', durationMinutes: 5 } }), 'recurrence.rrule'],
      [running({ startsAt: undefined, endsAt: undefined, recurrence: { rrule: 'FREQ=DAILY;BYFOO=1', start: '2026-01-01T00:00', durationMinutes: 5 } }), 'recurrence.rrule'],
      [running({ startsAt: undefined, endsAt: undefined, recurrence: { rrule: 'FREQ=DAILY', start: '2026-01-01 00:00', durationMinutes: 5 } }), 'recurrence.start'],
      [running({ match: { services: ['nope'] } }), 'match.services.0'],
      [running({ match: { clients: ['nobody'] } }), 'match.clients.0'],
      [running({ match: {} }), 'match'],
      [running({ match: { labels: { env: '(' } } }), 'match.labels.env'],
      [running({ endsAt: new Date(Date.now() - 3_600_000).toISOString() }), 'endsAt'],
      [running({ timeZone: 'Mars/Olympus' }), 'timeZone'],
    ];
    for (const [body, field] of cases) {
      const answer = await ann.call('POST', '/api/v1/maintenance-windows', body);
      expect({ status: answer.status, field: (answer.body as { field?: string }).field }).toEqual({ status: 400, field });
    }
    const huge = await ann.call('POST', '/api/v1/maintenance-windows', running({ reason: 'x'.repeat(100_000) }));
    expect(huge.status).toBe(413);
    expect(((await ann.call('GET', '/api/v1/maintenance-windows')).body as { windows: unknown[] }).windows).toEqual([]);
  });

  it('lists windows without anything of the incidents they hold (a confidential one stays unknown)', async () => {
    expect((await ann.call('POST', '/api/v1/maintenance-windows', running({ id: 'secret-hold' }))).status).toBe(201);
    const id = await trigger('maint-secret');
    expect((await ann.call('POST', `/api/v1/incidents/${id}/confidential`, { confidential: true })).status).toBe(200);
    const text = JSON.stringify((await dan.call('GET', '/api/v1/maintenance-windows')).body) + JSON.stringify((await dan.call('GET', '/api/v1/maintenance-windows/secret-hold')).body);
    expect(text).not.toContain(id);
    expect(text).not.toContain('maint-secret');
    // The responder who may not know it sees it redacted, only muted by the window's name.
    const redacted = (await dan.call('GET', `/api/v1/incidents/${id}`)).body as { incident: Incident; timeline: unknown[] };
    expect(redacted.incident.summary).not.toContain('maint-secret');
    expect(redacted.timeline).toEqual([]);
    expect((await ann.call('DELETE', '/api/v1/maintenance-windows/secret-hold')).status).toBe(204);
  });
});

describe('a window end across kill -9', () => {
  it('releases the held incident after the relay restarts, from the durable boundary row', { timeout: 120_000 }, async () => {
    const endsAt = new Date(Date.now() + 10_000);
    const made = await ann.call('POST', '/api/v1/maintenance-windows', running({ id: 'short', endsAt: endsAt.toISOString() }));
    expect(made.status).toBe(201);
    const id = await trigger('maint-kill');
    expect((await detail(id)).incident.suppressedBy?.id).toBe('short');
    const { dataDir, dbPath, port } = relay;
    await relay.kill9();

    // Straight from the file: the incident was still held at death, and the window's end is a row.
    const file = new BetterSqlite3(dbPath, { readonly: true });
    try {
      expect(file.prepare('select suppressed_by, escalation from incidents where id = ?').get(id)).toEqual({ suppressed_by: 'short', escalation: 'deferred' });
      expect(file.prepare('select kind, due_at from jobs where id = ?').get('maintenance:short')).toEqual({ kind: 'maintenance.boundary', due_at: endsAt.getTime() });
    } finally {
      file.close();
    }

    relay = await startRelayProcess({ env: { KLAXON_CONFIG: configPath }, dataDir, port });
    await signIn();
    const released = await eventually(() => detail(id), (d) => d.pages.length > 0);
    expect(released.incident.suppressedBy).toBeUndefined();
    expect(released.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['maintenance.released', 'incident.released']));
    const release = released.timeline.find((e) => e.type === 'maintenance.released')!;
    expect(Date.parse(release.at)).toBeGreaterThanOrEqual(endsAt.getTime());
    const audit = (await ann.call('GET', '/api/v1/audit?limit=100')).body as { events: AuditEntry[] };
    expect(audit.events.find((e) => e.action === 'maintenance.ended' && e.subject?.id === 'short')).toMatchObject({ actorId: null, details: { released: 1 } });
  });
});
