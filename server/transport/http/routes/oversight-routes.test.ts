import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyPreviewSchema } from '../../../../shared/schemas/policy-preview.js';
import { WallboardStatsSchema } from '../../../../shared/schemas/wallboard.js';
import { createManualClock } from '../../../../tests/support/manual-clock.js';
import { KEYS, writeTestConfig } from '../../../../tests/support/test-config.js';
import { createLogger } from '../../../adapters/log/create-logger.js';
import { startRelay, type Relay } from '../../../relay.js';
import { parseSettings } from '../../../settings.js';

/** Saturday 28 November 2026, 09:00 in New York: cara holds the example schedule's weekly rotation. */
const clock = createManualClock(new Date('2026-11-28T14:00:00Z'));
let dir: string;
let relay: Relay;
const tokens: Record<string, string> = {};

async function call(method: string, url: string, token?: string, body?: unknown) {
  const response = await fetch(`${relay.url}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // Answers are checked field by field below; the loose type keeps those checks short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'klaxon-oversight-'));
  const config = writeTestConfig();
  relay = await startRelay(
    // Nobody here paired a phone, so every page fails at once; the wallboard is shown mid-level, as
    // with the failed-page move-on turned off (otherwise the escalation runs straight to failover).
    parseSettings({
      argv: ['--port', '0', '--smtp-port', '0', '--db', path.join(dir, 'klaxon.db'), '--config', config],
      env: { KLAXON_FAILED_PAGE_MOVES_ON: '0' },
    }),
    { clock, log: createLogger({ level: 'silent' }), print: () => undefined },
  );
  for (const name of ['ann', 'bob']) {
    tokens[name] = (await call('POST', '/api/v1/auth/login', undefined, { username: name, password: `change-me-${name}` })).body.token;
  }
});
afterAll(async () => {
  await relay?.close();
  await rm(dir, { recursive: true, force: true });
});

const draft = {
  id: 'db-oncall',
  name: 'Database on call',
  team: 'noc',
  stopOn: 'acknowledged',
  levels: [
    { delay: '10m', targets: [{ user: 'dan' }] },
    { delay: '5m', targets: [{ schedule: 'noc-primary' }, { user: 'ann' }] },
  ],
  failover: { email: ['dba-lead@example.com'] },
};

describe('policy API', () => {
  it('lists the config-declared policy as config-managed and previews it in plain words', async () => {
    const list = await call('GET', '/api/v1/policies', tokens.bob);
    expect(list.status).toBe(200);
    expect(list.body.policies).toMatchObject([{ id: 'noc-default', managedByConfig: true, levels: [{ delay: 300 }, { delay: 600 }] }]);

    const preview = await call('GET', '/api/v1/policies/noc-default/preview', tokens.bob);
    expect(preview.status).toBe(200);
    const parsed = PolicyPreviewSchema.parse(preview.body.preview);
    expect(parsed.timeZone).toBe('America/New_York');
    expect(parsed.steps.map((s) => s.text)).toEqual([
      '09:00 level 1 pages Cara Example (NOC primary, on call)',
      'if unread by 09:05, level 2 pages Ann Example',
      'if unread by 09:15, starts over, level 1 (pass 2 of 2) pages Cara Example (NOC primary, on call)',
      'if unread by 09:20, level 2 (pass 2 of 2) pages Ann Example',
      'if unread by 09:30, failover: e-mail to lead@example.com; tell Ann Example',
    ]);
    const monday = await call('GET', '/api/v1/policies/noc-default/preview?at=2026-11-30T15:00:00Z&timeZone=Europe/London', tokens.bob);
    expect(monday.body.preview.steps[0].text).toBe('15:00 level 1 pages Dan Example (NOC primary, on call)');
    expect((await call('GET', '/api/v1/policies/nope/preview', tokens.bob)).status).toBe(404);
    expect((await call('GET', '/api/v1/policies', undefined)).status).toBe(401);
  });

  it('lets managers create and change policies, checked with the shared schema and for unknown names', async () => {
    expect((await call('POST', '/api/v1/policies', tokens.bob, draft)).status).toBe(403);
    const unknown = await call('POST', '/api/v1/policies', tokens.ann, { ...draft, levels: [{ delay: '5m', targets: [{ user: 'zed' }] }] });
    expect(unknown).toMatchObject({ status: 400, body: { field: 'levels.0.targets.0.user', error: 'levels.0.targets.0.user: unknown user "zed"' } });
    const badDelay = await call('POST', '/api/v1/policies', tokens.ann, { ...draft, levels: [{ delay: 'soon', targets: [{ user: 'dan' }] }] });
    expect(badDelay).toMatchObject({ status: 400, body: { field: 'levels.0.delay' } });

    const created = await call('POST', '/api/v1/policies', tokens.ann, draft);
    expect(created.status).toBe(200);
    expect(created.body.policy).toMatchObject({ id: 'db-oncall', managedByConfig: false, repeat: 0, levels: [{ delay: 600 }, { delay: 300 }] });
    expect((await call('POST', '/api/v1/policies', tokens.ann, draft)).status).toBe(409);

    const changed = await call('PUT', '/api/v1/policies/db-oncall', tokens.ann, { ...draft, repeat: 2 });
    expect(changed.body.policy.repeat).toBe(2);
    expect((await call('GET', '/api/v1/policies/db-oncall', tokens.bob)).body.policy.repeat).toBe(2);
    expect((await call('PUT', '/api/v1/policies/other', tokens.ann, draft)).status).toBe(400);
    expect((await call('PUT', '/api/v1/policies/missing', tokens.ann, { ...draft, id: 'missing' })).status).toBe(404);
  });

  it('previews an unsaved draft and serves the directory for the editor', async () => {
    const preview = await call('POST', '/api/v1/policies/db-oncall/preview', tokens.bob, { policy: draft, timeZone: 'America/New_York' });
    expect(preview.status).toBe(200);
    expect(preview.body.preview.steps.map((s: { text: string }) => s.text)).toEqual([
      '09:00 level 1 pages Dan Example',
      'if not acknowledged by 09:10, level 2 pages Cara Example (NOC primary, on call) and Ann Example',
      'if not acknowledged by 09:15, failover: e-mail to dba-lead@example.com',
    ]);
    const directory = await call('GET', '/api/v1/policies/directory', tokens.bob);
    expect(directory.body.users.map((u: { id: string }) => u.id)).toEqual(['ann', 'bob', 'cara', 'dan']);
    expect(directory.body.schedules).toEqual([{ id: 'noc-primary', name: 'NOC primary', team: 'noc' }]);
  });
});

describe('wallboard API', () => {
  it('needs a token; a wallboard token reads the statistics and nothing else, until revoked', async () => {
    expect((await call('GET', '/api/v1/stats/wallboard')).status).toBe(401);
    expect((await call('GET', '/api/v1/stats/wallboard', 'kwb_not-a-real-token')).status).toBe(401);
    expect((await call('POST', '/api/v1/wallboard-tokens', tokens.bob, { name: 'NOC wall' })).status).toBe(403);

    const created = await call('POST', '/api/v1/wallboard-tokens', tokens.ann, { name: 'NOC wall' });
    expect(created.status).toBe(201);
    const wall: string = created.body.token;
    expect(wall).toMatch(/^kwb_[A-Za-z0-9_-]{43}$/);
    const listed = await call('GET', '/api/v1/wallboard-tokens', tokens.ann);
    expect(listed.body.tokens).toEqual([{ id: created.body.id, name: 'NOC wall', createdBy: 'ann', createdAt: '2026-11-28T14:00:00.000Z', revokedAt: null }]);
    expect(JSON.stringify(listed.body)).not.toContain(wall);

    const before = await call('GET', '/api/v1/stats/wallboard', wall);
    expect(before.status).toBe(200);
    const stats = WallboardStatsSchema.parse(before.body);
    expect(stats.open.total).toBe(0);
    expect(stats.onCall).toEqual([
      { teamId: 'noc', teamName: 'Network Operations', schedules: [{ scheduleId: 'noc-primary', scheduleName: 'NOC primary', people: ['Cara Example'], nextHandoffAt: '2026-11-30T14:00:00.000Z', nextPeople: ['Dan Example'] }] },
    ]);
    expect((await call('GET', '/api/v1/stats/wallboard', tokens.bob)).status).toBe(200);
    expect((await call('GET', '/api/v1/incidents', wall)).status).toBe(401);
    expect((await call('GET', '/api/v1/policies', wall)).status).toBe(401);

    const alert = await call('POST', '/v2/enqueue', undefined, {
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: 'disk-1',
      payload: { summary: 'Disk full on db-1', source: 'db-1', severity: 'critical' },
    });
    expect(alert.status).toBe(202);
    clock.advance(3000);
    const after = WallboardStatsSchema.parse((await call('GET', '/api/v1/stats/wallboard', wall)).body);
    expect(after.open).toMatchObject({ high: 1, total: 1, unacknowledged: 1 });
    expect(after.alertsPerHour.at(-1)!.count).toBe(1);
    expect(after.escalations).toMatchObject([{ incident: { summary: 'Disk full on db-1' }, level: 1, paged: ['Cara Example'] }]);

    expect((await call('POST', `/api/v1/wallboard-tokens/${created.body.id}/revoke`, tokens.ann)).status).toBe(200);
    expect((await call('GET', '/api/v1/stats/wallboard', wall)).status).toBe(401);
    expect((await call('POST', '/api/v1/wallboard-tokens/nope/revoke', tokens.ann)).status).toBe(404);
  });
});
