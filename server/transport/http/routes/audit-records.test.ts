import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../tests/support/manual-clock.js';
import { KEYS, writeTestConfig } from '../../../../tests/support/test-config.js';
import { createLogger } from '../../../adapters/log/create-logger.js';
import { startRelay, type Relay } from '../../../relay.js';
import { parseSettings } from '../../../settings.js';

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
  const text = await response.text();
  // Answers are checked field by field below; the loose type keeps those checks short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}

/** The newest audit events of an action, as an IR manager reads them. */
async function events(action: string) {
  const answer = await call('GET', `/api/v1/audit?action=${action}`, tokens.ann);
  expect(answer.status).toBe(200);
  return answer.body.events as { actorId: string | null; subject: { kind: string; id: string } | null; details: Record<string, unknown> }[];
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'klaxon-audit-records-'));
  relay = await startRelay(
    parseSettings({ argv: ['--port', '0', '--smtp-port', '0', '--db', path.join(dir, 'klaxon.db'), '--config', writeTestConfig()], env: {} }),
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

describe('uses of power land on the audit trail', () => {
  it('records the config applied at start, with what it created', async () => {
    const [applied] = await events('config.applied');
    expect(applied!.details.changed).toEqual(expect.arrayContaining(['users:ann', 'policies:noc-default']));
    expect(JSON.stringify(applied)).not.toContain('change-me');
  });

  it('records a confidential toggle by a manager, and nothing for one refused to an analyst', async () => {
    const ingest = await call('POST', '/v2/enqueue', undefined, {
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: 'audit-records-1',
      payload: { summary: 'Ransomware note on fs-2', source: 'fs-2', severity: 'critical' },
    });
    expect(ingest.status).toBe(202);
    const incidentId = (await call('GET', '/api/v1/incidents', tokens.ann)).body.incidents[0].id as string;
    expect((await call('POST', `/api/v1/incidents/${incidentId}/confidential`, tokens.bob, { confidential: true })).status).toBe(403);
    expect(await events('incident.confidential-changed')).toEqual([]);
    expect((await call('POST', `/api/v1/incidents/${incidentId}/confidential`, tokens.ann, { confidential: true })).status).toBe(200);
    expect(await events('incident.confidential-changed')).toEqual([
      expect.objectContaining({ actorId: 'ann', subject: { kind: 'incident', id: incidentId }, details: { confidential: true } }),
    ]);
  });

  it('records policy edits, key rotation, wallboard tokens, feed renewals, schedule and notification edits', async () => {
    const policy = (await call('GET', '/api/v1/policies/noc-default', tokens.ann)).body.policy;
    const { managedByConfig: _managed, ...draft } = policy;
    expect((await call('PUT', '/api/v1/policies/noc-default', tokens.ann, { ...draft, name: 'NOC default (edited)' })).status).toBe(200);
    expect(await events('policy.changed')).toEqual([
      expect.objectContaining({ actorId: 'ann', subject: { kind: 'policy', id: 'noc-default' }, details: { mode: 'update', name: 'NOC default (edited)' } }),
    ]);

    const integrationId = (await call('GET', '/api/v1/services', tokens.ann)).body.services[0].integrations[0].id as string;
    const rotated = await call('POST', `/api/v1/integrations/${integrationId}/rotate-key`, tokens.ann);
    expect(rotated.status).toBe(200);
    const [rotation] = await events('integration.key-rotated');
    expect(rotation).toMatchObject({ actorId: 'ann', subject: { kind: 'integration', id: integrationId } });
    expect(JSON.stringify(rotation)).not.toContain(rotated.body.key);

    const wallboard = await call('POST', '/api/v1/wallboard-tokens', tokens.ann, { name: 'NOC wall' });
    expect(wallboard.status).toBe(201);
    expect((await call('POST', `/api/v1/wallboard-tokens/${wallboard.body.id}/revoke`, tokens.ann)).status).toBe(200);
    expect(await events('wallboard-token.created')).toEqual([expect.objectContaining({ actorId: 'ann', subject: { kind: 'wallboard-token', id: wallboard.body.id } })]);
    expect(await events('wallboard-token.revoked')).toEqual([expect.objectContaining({ actorId: 'ann', subject: { kind: 'wallboard-token', id: wallboard.body.id } })]);

    expect((await call('POST', '/api/v1/calendar-feeds/regenerate', tokens.bob, { kind: 'user', subject: 'bob' })).status).toBe(200);
    expect(await events('calendar-feed.regenerated')).toEqual([expect.objectContaining({ actorId: 'bob', subject: { kind: 'calendar-feed', id: 'user:bob' } })]);

    const schedule = (await call('GET', '/api/v1/schedules/noc-primary', tokens.ann)).body.schedule;
    expect((await call('PUT', '/api/v1/schedules/noc-primary', tokens.ann, { ...schedule, name: 'NOC primary (edited)' })).status).toBe(200);
    expect(await events('schedule.changed')).toEqual([expect.objectContaining({ actorId: 'ann', subject: { kind: 'schedule', id: 'noc-primary' } })]);

    const rules = [{ channel: 'push', after: '0s' }, { channel: 'email', after: '5m' }];
    expect((await call('PUT', '/api/v1/me/notifications', tokens.bob, { rules, contacts: {} })).status).toBe(200);
    expect(await events('notification-rules.changed')).toEqual([
      expect.objectContaining({ actorId: 'bob', details: { rules: ['push+0s', 'email+300s'], contactChannels: [] } }),
    ]);

    const verify = await call('GET', '/api/v1/audit/verify', tokens.ann);
    expect(verify.body).toMatchObject({ intact: true });
  });
});
