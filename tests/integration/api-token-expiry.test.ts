import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiTokenCreated } from '../../shared/schemas/api-token.js';
import type { AuditPage } from '../../shared/schemas/audit.js';
import { startRelay, type Relay } from '../../server/relay.js';
import { parseSettings } from '../../server/settings.js';
import { createManualClock, type ManualClock } from '../support/manual-clock.js';

// The relay in this process, on a manual clock, so a token's expiry arrives without waiting; HTTP is real.
let relay: Relay;
let clock: ManualClock;
let admin: string;

async function call(token: string, method: string, path: string, body?: unknown) {
  const answer = await fetch(`${relay.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: answer.status, body: (await answer.json().catch(() => null)) as unknown };
}

beforeAll(async () => {
  clock = createManualClock();
  let printed = '';
  relay = await startRelay(parseSettings({ argv: ['--port', '0', '--smtp-port', '0', '--db', ':memory:'], env: {} }), {
    clock,
    print: (text) => (printed += text),
  });
  const password = /password: (\S+)/.exec(printed)![1]!;
  const login = await fetch(`${relay.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  admin = ((await login.json()) as { token: string }).token;
});
afterAll(async () => {
  await relay?.close();
});

describe('API token expiry over HTTP (manual clock)', () => {
  it('answers 401 once the token has expired, and flushes read records on the clock', async () => {
    const created = await call(admin, 'POST', '/api/v1/tokens', { name: 'short', scopes: ['incidents:read'], expiresIn: '1h' });
    expect(created.status).toBe(201);
    const { secret, token } = created.body as ApiTokenCreated;
    expect((await call(secret, 'GET', '/api/v1/me')).status).toBe(200);
    clock.advance(1000);
    // The read's record was written behind, when the clock passed the flush delay.
    await expect
      .poll(async () => ((await call(admin, 'GET', `/api/v1/audit?action=api-token.used&subjectId=${token.id}`)).body as AuditPage).events.length)
      .toBe(1);
    clock.advance(3_598_000);
    expect((await call(secret, 'GET', '/api/v1/me')).status).toBe(200);
    clock.advance(1000);
    const expired = await call(secret, 'GET', '/api/v1/me');
    expect(expired.status).toBe(401);
  });
});
