import { rmSync } from 'node:fs';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiToken, ApiTokenCreated } from '../../shared/schemas/api-token.js';
import type { AuditPage } from '../../shared/schemas/audit.js';
import type { Incident } from '../../shared/schemas/incident.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

let relay: RelayProcess;
let root: ScheduleClient;
let dan: ScheduleClient;
let incident: Incident;

/** An answer of the API: the fields these tests read. */
interface Answer {
  status: number;
  body: { error?: string; field?: string; incidents?: Incident[]; id?: string; role?: string };
}

async function call(token: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const answer = await fetch(`${relay.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await answer.text();
  return { status: answer.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

async function create(client: ScheduleClient, body: Record<string, unknown>): Promise<ApiTokenCreated> {
  const { status, body: answer } = await client.call('POST', '/api/v1/tokens', body);
  expect(status, JSON.stringify(answer)).toBe(201);
  return answer as ApiTokenCreated;
}

beforeAll(async () => {
  const configPath = writeTestConfig((doc) => {
    doc.users!.push({ id: 'root', name: 'Root Admin', email: 'root@example.com', role: 'admin', password: 'change-me-root', notify: [] });
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: configPath } });
  [root, dan] = await Promise.all([signInClient(relay.url, 'root'), signInClient(relay.url, 'dan')]);
  const trigger = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: 'tok-1', payload: { summary: 'Disk full', source: 'srv1', severity: 'critical' } }),
  });
  expect(trigger.status).toBe(202);
  const { body } = await dan.call('GET', '/api/v1/incidents');
  incident = (body as { incidents: Incident[] }).incidents.find((i) => i.dedupKey === 'tok-1')!;
}, 60_000);
afterAll(async () => {
  const dir = relay?.dataDir;
  await relay?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('API tokens over HTTP', () => {
  it('a read-only token lists incidents but is refused on acknowledge with 403 naming the scope', async () => {
    const { secret, token } = await create(dan, { name: 'read only', scopes: ['incidents:read'], expiresIn: '30d' });
    expect(secret).toMatch(/^klx_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ kind: 'personal', owner: 'dan', scopes: ['incidents:read'], prefix: secret.slice(0, 12), lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(token)).not.toContain(secret);

    const list = await call(secret, 'GET', '/api/v1/incidents');
    expect(list.status).toBe(200);
    expect(list.body.incidents?.map((i) => i.id)).toContain(incident.id);

    const ack = await call(secret, 'POST', `/api/v1/incidents/${incident.id}/acknowledge`);
    expect(ack.status).toBe(403);
    expect(ack.body.error).toContain('incidents:act');
    const after = await dan.call('GET', `/api/v1/incidents/${incident.id}`);
    expect((after.body as { incident: Incident }).incident.status).toBe('triggered');
  });

  it('a token with incidents:act acknowledges as its owner', async () => {
    const { secret } = await create(dan, { name: 'act', scopes: ['incidents:read', 'incidents:act'], expiresIn: '1d' });
    const ack = await call(secret, 'POST', `/api/v1/incidents/${incident.id}/acknowledge`);
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    const after = await dan.call('GET', `/api/v1/incidents/${incident.id}`);
    expect((after.body as { incident: Incident }).incident.status).toBe('acknowledged');
  });

  it('a personal token never goes beyond its owner\'s role, even with the admin scope refused at creation', async () => {
    const refused = await dan.call('POST', '/api/v1/tokens', { name: 'sneaky', scopes: ['admin'], expiresIn: '1d' });
    expect(refused.status).toBe(403);
    expect((refused.body as { field: string }).field).toBe('scopes');
    const service = await dan.call('POST', '/api/v1/tokens', { name: 'svc', kind: 'service', scopes: ['ingest'], expiresIn: '1d' });
    expect(service.status).toBe(403);
    // Only the admin scope reaches the users list, and dan's role would refuse it even then.
    const { secret } = await create(dan, { name: 'users', scopes: ['incidents:read'], expiresIn: '1d' });
    expect((await call(secret, 'GET', '/api/v1/users')).status).toBe(403);
  });

  it('a token cannot create a token with more scope or a longer life than its own', async () => {
    const { secret } = await create(dan, { name: 'maker', scopes: ['incidents:read'], expiresIn: '1d' });
    const more = await call(secret, 'POST', '/api/v1/tokens', { name: 'more', scopes: ['incidents:read', 'incidents:act'], expiresIn: '1h' });
    expect(more.status).toBe(403);
    expect(more.body.error).toContain('incidents:act');
    const longer = await call(secret, 'POST', '/api/v1/tokens', { name: 'longer', scopes: ['incidents:read'], expiresIn: '2d' });
    expect(longer.status).toBe(403);
    const same = await call(secret, 'POST', '/api/v1/tokens', { name: 'child', scopes: ['incidents:read'], expiresIn: '1h' });
    expect(same.status).toBe(201);
  });

  it('refuses a revoked, an unknown, a wrong-prefix and a malformed token with 401', async () => {
    const { secret, token } = await create(dan, { name: 'to revoke', scopes: ['incidents:read'], expiresIn: '1d' });
    expect((await call(secret, 'GET', '/api/v1/me')).status).toBe(200);
    const revoked = await dan.call('POST', `/api/v1/tokens/${token.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect((revoked.body as { token: ApiToken }).token.revokedAt).not.toBeNull();
    expect((await dan.call('POST', `/api/v1/tokens/${token.id}/revoke`)).status).toBe(409);
    expect((await call(secret, 'GET', '/api/v1/me')).status).toBe(401);
    expect((await call(`klx_${'A'.repeat(43)}`, 'GET', '/api/v1/me')).status).toBe(401);
    expect((await call(`kly_${secret.slice(4)}`, 'GET', '/api/v1/me')).status).toBe(401);
    expect((await call(`${secret}x`, 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('refuses bad bodies naming the field: no expiry, more than a year, unknown scope, huge body', async () => {
    const none = await dan.call('POST', '/api/v1/tokens', { name: 'x', scopes: ['incidents:read'] });
    expect(none).toMatchObject({ status: 400, body: { field: 'expiresIn' } });
    const long = await dan.call('POST', '/api/v1/tokens', { name: 'x', scopes: ['incidents:read'], expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString() });
    expect(long).toMatchObject({ status: 400, body: { field: 'expiresAt' } });
    const past = await dan.call('POST', '/api/v1/tokens', { name: 'x', scopes: ['incidents:read'], expiresAt: '2020-01-01T00:00:00Z' });
    expect(past).toMatchObject({ status: 400, body: { field: 'expiresAt' } });
    const scope = await dan.call('POST', '/api/v1/tokens', { name: 'x', scopes: ['everything'], expiresIn: '1d' });
    expect(scope).toMatchObject({ status: 400, body: { field: 'scopes.0' } });
    const huge = await call(dan.token, 'POST', '/api/v1/tokens', { name: 'x'.repeat(100_000), scopes: ['incidents:read'], expiresIn: '1d' });
    expect(huge.status).toBe(413);
  });

  it('lets people see and revoke only their own tokens; admins see all and make service tokens', async () => {
    const mine = await create(dan, { name: 'dan only', scopes: ['incidents:read'], expiresIn: '1d' });
    const ann = await signInClient(relay.url, 'ann');
    const hidden = await ann.call('POST', `/api/v1/tokens/${mine.token.id}/revoke`);
    expect(hidden.status).toBe(404);
    const annList = (await ann.call('GET', '/api/v1/tokens')).body as { tokens: ApiToken[] };
    expect(annList.tokens.map((t) => t.id)).not.toContain(mine.token.id);

    const service = await create(root, { name: 'monitoring', kind: 'service', scopes: ['incidents:read'], expiresIn: '90d' });
    expect(service.token).toMatchObject({ kind: 'service', owner: 'root' });
    const me = await call(service.secret, 'GET', '/api/v1/me');
    expect(me.body).toMatchObject({ id: `service.${service.token.id}`, role: 'responder' });
    const all = (await root.call('GET', '/api/v1/tokens')).body as { tokens: ApiToken[] };
    expect(all.tokens.map((t) => t.id)).toEqual(expect.arrayContaining([mine.token.id, service.token.id]));
    expect((await root.call('POST', `/api/v1/tokens/${mine.token.id}/revoke`)).status).toBe(200);
  });

  it('a service token with incidents:act resolves an incident as its service account', async () => {
    const service = await create(root, { name: 'auto-remediation', kind: 'service', scopes: ['incidents:read', 'incidents:act'], expiresIn: '30d' });
    const resolved = await call(service.secret, 'POST', `/api/v1/incidents/${incident.id}/resolve`);
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const after = await dan.call('GET', `/api/v1/incidents/${incident.id}`);
    expect((after.body as { incident: Incident }).incident.status).toBe('resolved');
  });

  it('refuses routes no scope covers (deny by default) and sockets', async () => {
    const { secret } = await create(root, { name: 'admin token', scopes: ['admin'], expiresIn: '1d' });
    const pairing = await call(secret, 'POST', '/api/v1/devices/pairing-codes');
    expect(pairing.status).toBe(403);
    expect(pairing.body.error).toContain('no scope covers it');
    const error = await new Promise<string>((resolve) => {
      const socket = connect(`${relay.url}/console`, { auth: { token: secret }, transports: ['websocket'], reconnection: false });
      socket.on('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.on('connect_error', (e) => {
        socket.close();
        resolve(e.message);
      });
    });
    expect(error).toBe('unauthorized');
  });

  it('audits creation, revocation and every use with token id, method, route and status; writes last-used', async () => {
    const { secret, token } = await create(dan, { name: 'audited', scopes: ['incidents:read'], expiresIn: '1d' });
    await call(secret, 'GET', '/api/v1/incidents');
    await call(secret, 'POST', `/api/v1/incidents/${incident.id}/resolve`);
    const uses = async () =>
      ((await root.call('GET', `/api/v1/audit?action=api-token.used&subjectId=${token.id}`)).body as AuditPage).events;
    // The refused write is recorded before its answer went out.
    expect((await uses()).map((e) => e.details)).toContainEqual(expect.objectContaining({ method: 'POST', route: '/api/v1/incidents/:id/resolve', status: 403 }));
    // Reads are written behind, in batches of about a second.
    await expect.poll(async () => (await uses()).map((e) => e.details), { timeout: 15_000 }).toContainEqual(
      expect.objectContaining({ method: 'GET', route: '/api/v1/incidents', status: 200 }),
    );
    expect((await uses()).every((e) => e.actorId === 'dan')).toBe(true);
    const created = ((await root.call('GET', `/api/v1/audit?action=token.created&subjectId=${token.id}`)).body as AuditPage).events;
    expect(created[0]?.details).toMatchObject({ kind: 'api-token', scopes: ['incidents:read'] });
    expect(JSON.stringify(created)).not.toContain(secret);
    const listed = ((await dan.call('GET', '/api/v1/tokens')).body as { tokens: ApiToken[] }).tokens.find((t) => t.id === token.id);
    expect(listed?.lastUsedAt).not.toBeNull();
  });

  it('serves the OpenAPI description without a token, with scopes', async () => {
    const answer = await fetch(`${relay.url}/api/v1/openapi.json`);
    expect(answer.status).toBe(200);
    const doc = (await answer.json()) as { openapi: string; paths: Record<string, Record<string, { 'x-klaxon-scope': string }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/incidents/{id}/acknowledge']?.post?.['x-klaxon-scope']).toBe('incidents:act');
  });
});
