import { describe, expect, it } from 'vitest';
import { SSO_PENDING_KEY } from '../services/sso-client.js';
import { finishPhoneSso } from './phone-sso.js';

const CODE = 'c'.repeat(43);
const USER = { id: 'ann', name: 'Ann', email: 'ann@example.com', role: 'responder', notify: [] };

function storageWith(pending: unknown): Storage {
  const map = new Map<string, string>(pending ? [[SSO_PENDING_KEY, JSON.stringify(pending)]] : []);
  return { length: 0, clear: () => map.clear(), key: () => null, getItem: (k) => map.get(k) ?? null, removeItem: (k) => void map.delete(k), setItem: (k, v) => void map.set(k, v) };
}

function relay(devicesStatus = 201) {
  const calls: { url: string; auth: string | undefined; body: unknown }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    calls.push({ url, auth: headers.authorization, body: init.body ? JSON.parse(String(init.body)) : undefined });
    if (url.endsWith('/exchange')) return new Response(JSON.stringify({ token: 'login-1', expiresAt: '2026-12-01T12:00:00Z', user: USER }));
    if (url.endsWith('/devices')) {
      return devicesStatus === 201
        ? new Response(JSON.stringify({ token: 'device-1', device: { id: 'd1', name: 'Pixel' }, user: USER }), { status: 201 })
        : new Response(JSON.stringify({ error: 'no more phones' }), { status: devicesStatus });
    }
    return new Response(null, { status: 204 });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

describe('finishPhoneSso', () => {
  it('exchanges the code, registers the phone with the login token, then ends the login token', async () => {
    const { calls, fetchImpl } = relay();
    const registration = await finishPhoneSso(CODE, 'Pixel', { storage: storageWith({ relayUrl: 'http://relay.test', verifier: 'v'.repeat(43) }), fetchImpl });
    expect(registration.token).toBe('device-1');
    expect(calls.map((c) => c.url)).toEqual(['http://relay.test/api/v1/auth/oidc/exchange', 'http://relay.test/api/v1/devices', 'http://relay.test/api/v1/auth/logout']);
    expect(calls[1]).toMatchObject({ auth: 'Bearer login-1', body: { name: 'Pixel' } });
    expect(calls[2]!.auth).toBe('Bearer login-1');
  });

  it('ends the login token even when the phone cannot be registered', async () => {
    const { calls, fetchImpl } = relay(409);
    await expect(finishPhoneSso(CODE, 'Pixel', { storage: storageWith({ relayUrl: 'http://relay.test', verifier: 'v'.repeat(43) }), fetchImpl })).rejects.toThrow('no more phones');
    expect(calls.at(-1)!.url).toBe('http://relay.test/api/v1/auth/logout');
  });

  it('refuses a code this tab did not start', async () => {
    const { calls, fetchImpl } = relay();
    await expect(finishPhoneSso(CODE, 'Pixel', { storage: storageWith(null), fetchImpl })).rejects.toThrow('another tab');
    expect(calls).toEqual([]);
  });
});
