import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CW, CW_ENV, MAPPING, startConnectWiseRelay, type ConnectWiseRelay } from '../support/connectwise-relay.js';

let cw: ConnectWiseRelay;

beforeAll(async () => {
  cw = await startConnectWiseRelay((doc) => {
    // A threat researcher reads incidents but does not work them.
    (doc.users ??= []).push({ id: 'tess', name: 'Tess Example', email: 'tess@example.com', role: 'threat-researcher', password: 'change-me-tess' });
  });
});
afterAll(async () => {
  await cw?.close();
});

const CONSOLE_PUBLIC = 'consolePUBLICsecret444';
const CONSOLE_PRIVATE = 'consolePRIVATEsecret555';

const connection = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  site: cw.fake.url,
  companyId: CW.companyId,
  clientId: CW.clientId,
  services: [] as string[],
  mapping: MAPPING,
  ...extra,
});

describe('ConnectWise connections: who may, and what never comes back', () => {
  it('a triage analyst can neither read nor edit connections (403)', async () => {
    expect((await cw.api('bob', 'GET', '/api/v1/connectwise/connections')).status).toBe(403);
    expect((await cw.api('bob', 'GET', '/api/v1/connectwise/connections/cw-test')).status).toBe(403);
    expect((await cw.api('bob', 'POST', '/api/v1/connectwise/connections', connection('bobs'))).status).toBe(403);
    expect((await cw.api('bob', 'PUT', '/api/v1/connectwise/connections/cw-test', connection('cw-test'))).status).toBe(403);
    expect((await cw.api('bob', 'DELETE', '/api/v1/connectwise/connections/cw-test')).status).toBe(403);
  });

  it('keys set in the console are write-only: the API says set, never the value', async () => {
    const created = await cw.api('ann', 'POST', '/api/v1/connectwise/connections', connection('console-one', { publicKey: CONSOLE_PUBLIC, privateKey: CONSOLE_PRIVATE }));
    expect(created.status).toBe(201);
    expect(created.body.connection).toMatchObject({ id: 'console-one', managedBy: 'console', publicKey: { set: true, from: 'console' }, privateKey: { set: true, from: 'console' }, broken: null });
    const list = await cw.api('ann', 'GET', '/api/v1/connectwise/connections');
    expect(list.body.connections.map((c: { id: string }) => c.id)).toEqual(['console-one', 'cw-test']);
    expect(list.body.connections[1]).toMatchObject({ managedBy: 'file', publicKey: { set: true, from: 'env' }, publicKeyEnv: CW_ENV.publicKey });
    // An update without keys keeps them; the stored row holds them sealed, not in the clear.
    const updated = await cw.api('ann', 'PUT', '/api/v1/connectwise/connections/console-one', connection('console-one', { name: 'Renamed' }));
    expect(updated.body.connection).toMatchObject({ name: 'Renamed', privateKey: { set: true, from: 'console' } });
    const stored = await cw.relay.store.getConnectWiseConnection('console-one');
    expect(stored?.privateKeySealed).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(CONSOLE_PRIVATE);
    for (const answer of [created, list, updated]) {
      const text = JSON.stringify(answer.body);
      for (const secret of [CONSOLE_PUBLIC, CONSOLE_PRIVATE, CW.publicKey, CW.privateKey]) expect(text).not.toContain(secret);
    }
    expect((await cw.api('ann', 'DELETE', '/api/v1/connectwise/connections/console-one')).status).toBe(204);
    expect((await cw.api('ann', 'GET', '/api/v1/connectwise/connections/console-one')).status).toBe(404);
  });

  it('refuses malformed and huge input with 4xx naming the field', async () => {
    const post = (body: unknown) => cw.api('ann', 'POST', '/api/v1/connectwise/connections', body);
    expect((await post(connection('plain', { site: 'http://cw.example.com' }))).body).toMatchObject({ field: 'site' });
    expect((await post(connection('plain', { services: ['no-such-service'] }))).body).toMatchObject({ field: 'services.0' });
    expect((await post(connection('taken', { services: ['rmm'] }))).status).toBe(409);
    expect((await post(connection('both', { publicKey: 'x', publicKeyEnv: 'SOME_ENV' }))).body).toMatchObject({ field: 'publicKey' });
    expect((await post(connection('huge', { privateKey: 'k'.repeat(100_000) }))).body).toMatchObject({ field: 'privateKey' });
    expect((await post({ ...connection('nomap'), mapping: { board: 'x' } })).body.field).toMatch(/^mapping\./);
    expect((await post(connection('cw-test'))).status).toBe(409);
    const mismatch = await cw.api('ann', 'PUT', '/api/v1/connectwise/connections/cw-test', connection('other'));
    expect(mismatch.body).toMatchObject({ field: 'id' });
    expect(mismatch.status).toBe(400);
  });

  it('a threat researcher cannot retry a sync (403); a retry with nothing waiting is 409', async () => {
    const incident = await cw.trigger('cw-misuse-retry');
    await cw.until('the ticket', () => [...cw.fake.tickets.values()].find((t) => t.summary.includes('cw-misuse-retry')));
    const refused = await cw.api('tess', 'POST', `/api/v1/incidents/${incident.id}/connectwise/retry`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain('threat-researcher');
    await cw.until('synced', async () => (await cw.api('ann', 'GET', `/api/v1/incidents/${incident.id}/connectwise`)).body.connectwise.state === 'synced');
    expect((await cw.api('ann', 'POST', `/api/v1/incidents/${incident.id}/connectwise/retry`, {})).status).toBe(409);
    expect((await cw.api('ann', 'GET', '/api/v1/incidents/no-such/connectwise')).status).toBe(404);
  });
});

describe('a 401 from ConnectWise', () => {
  it('marks the connection broken (shown by the API), stops calls, and a save mends it and retries', async () => {
    process.env[CW_ENV.privateKey] = 'wrong-private-key';
    const incident = await cw.trigger('cw-401-1');
    const failed = await cw.until('failed', async () => {
      const state = (await cw.api('ann', 'GET', `/api/v1/incidents/${incident.id}/connectwise`)).body.connectwise;
      return state.state === 'failed' ? state : undefined;
    });
    expect(failed.reason).toContain('401');
    const broken = (await cw.api('ann', 'GET', '/api/v1/connectwise/connections/cw-test')).body.connection;
    expect(broken.broken).toMatchObject({ reason: 'ConnectWise refused the API keys (401)' });
    const refusals = cw.fake.calls.filter((c) => c.status === 401).length;

    // While broken, nothing is called: a second incident fails at once without a request.
    const second = await cw.trigger('cw-401-2');
    await cw.until('second failed', async () => (await cw.api('ann', 'GET', `/api/v1/incidents/${second.id}/connectwise`)).body.connectwise.state === 'failed');
    expect(cw.fake.calls.filter((c) => c.status === 401)).toHaveLength(refusals);

    // The keys are put right and the connection saved: it is mended and its failed incidents retried.
    process.env[CW_ENV.privateKey] = CW.privateKey;
    const saved = await cw.api('ann', 'PUT', '/api/v1/connectwise/connections/cw-test', {
      ...connection('cw-test', { services: ['rmm'], publicKeyEnv: CW_ENV.publicKey, privateKeyEnv: CW_ENV.privateKey }),
    });
    expect(saved.status).toBe(200);
    expect(saved.body.connection.broken).toBeNull();
    for (const id of [incident.id, second.id]) {
      await cw.until('synced after the mend', async () => (await cw.api('ann', 'GET', `/api/v1/incidents/${id}/connectwise`)).body.connectwise.state === 'synced');
    }
  });
});

describe('secrets in logs', () => {
  it('no log line holds an API key, a console-set key or the sealing key', () => {
    expect(cw.logs.length).toBeGreaterThan(0);
    const all = cw.logs.join('\n');
    for (const secret of [CW.publicKey, CW.privateKey, CONSOLE_PUBLIC, CONSOLE_PRIVATE, 'ab'.repeat(32), Buffer.from(`${CW.companyId}+${CW.publicKey}:${CW.privateKey}`).toString('base64')]) {
      expect(all).not.toContain(secret);
    }
  });
});
