import { describe, expect, it } from 'vitest';
import { finishSso, SSO_PENDING_KEY, ssoCodeOf, startSso, verifierPair } from './sso-client.js';

/** The S256 challenge of a verifier, worked out with Web Crypto as a browser would. */
const s256 = async (verifier: string) =>
  btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const CODE = 'c'.repeat(43);

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('sso-client', () => {
  it('makes a verifier whose S256 challenge the relay can check', async () => {
    const { verifier, challenge } = await verifierPair();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(await s256(verifier));
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('finds the code in the console and phone fragments only', () => {
    expect(ssoCodeOf(`#/?sso=${CODE}`)).toBe(CODE);
    expect(ssoCodeOf(`#sso=${CODE}`)).toBe(CODE);
    expect(ssoCodeOf('#/?sso=short')).toBeUndefined();
    expect(ssoCodeOf('#/board')).toBeUndefined();
  });

  it('starts at the relay with the challenge and finishes with the kept verifier, once', async () => {
    const storage = memoryStorage();
    let went = '';
    await startSso('http://relay.test:7300/', 'console', { storage, assign: (url) => (went = url) });
    const started = new URL(went);
    expect(started.pathname).toBe('/api/v1/auth/oidc/start');
    expect(started.searchParams.get('client')).toBe('console');
    const sent: unknown[] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)));
      return new Response(JSON.stringify({ token: 't', expiresAt: '2026-12-01T12:00:00Z', user: { id: 'ann', name: 'Ann', email: 'ann@example.com', role: 'admin', notify: [] } }));
    }) as unknown as typeof fetch;
    const done = await finishSso(CODE, { storage, fetchImpl });
    expect(done?.relayUrl).toBe('http://relay.test:7300');
    const { verifier } = sent[0] as { verifier: string };
    expect(await s256(verifier)).toBe(started.searchParams.get('challenge'));
    expect(storage.getItem(SSO_PENDING_KEY)).toBeNull();
    await expect(finishSso(CODE, { storage, fetchImpl })).rejects.toThrow('another tab');
  });

  it('says when the relay refuses the code', async () => {
    const storage = memoryStorage();
    await startSso('http://relay.test:7300', 'console', { storage, assign: () => undefined });
    const fetchImpl = (async () => new Response('{"error":"x"}', { status: 401 })) as unknown as typeof fetch;
    await expect(finishSso(CODE, { storage, fetchImpl })).rejects.toThrow('expired or was used already');
  });
});
