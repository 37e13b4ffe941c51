import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { DesktopSsoResult } from '../../shared/ipc.js';
import { createDesktopSso, parseSsoLink, SSO_PENDING_MS } from './sso-handoff.js';

const CODE = 'A'.repeat(43);

describe('parseSsoLink', () => {
  it('reads the code of klaxon://auth links only', () => {
    expect(parseSsoLink(`klaxon://auth?code=${CODE}`)).toEqual({ code: CODE });
    expect(parseSsoLink(`klaxon://auth/?code=${CODE}`)).toEqual({ code: CODE });
    expect(parseSsoLink(`klaxon://incident/abc?code=${CODE}`)).toBeNull();
    expect(parseSsoLink(`https://auth?code=${CODE}`)).toBeNull();
    expect(parseSsoLink('klaxon://auth?code=short')).toBeNull();
    expect(parseSsoLink(`klaxon://auth/x?code=${CODE}`)).toBeNull();
    expect(parseSsoLink('not a url')).toBeNull();
  });
});

function world(answer: { status: number; body: unknown } | 'down' = { status: 200, body: { token: 'tok-1', expiresAt: '2026-12-01T12:00:00Z', user: {} } }) {
  let now = 1_000_000;
  const opened: string[] = [];
  const results: DesktopSsoResult[] = [];
  const saved: string[] = [];
  const fetchMock = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => {
    if (answer === 'down') throw new TypeError('fetch failed');
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  });
  const sso = createDesktopSso({
    openExternal: async (url) => void opened.push(url),
    fetch: fetchMock as unknown as typeof fetch,
    vault: { save: (token) => void saved.push(token) },
    now: () => now,
    report: (result) => void results.push(result),
  });
  return { sso, opened, results, saved, fetchMock, advance: (ms: number) => (now += ms) };
}

describe('createDesktopSso', () => {
  it('opens the relay with a challenge and exchanges the code with the verifier behind it', async () => {
    const w = world();
    await w.sso.start('https://klaxon.example.com/');
    const started = new URL(w.opened[0]!);
    expect(started.origin + started.pathname).toBe('https://klaxon.example.com/api/v1/auth/oidc/start');
    expect(started.searchParams.get('client')).toBe('desktop');
    expect(await w.sso.handle(`klaxon://auth?code=${CODE}`)).toBe(true);
    const [url, init] = w.fetchMock.mock.calls[0]!;
    expect(url).toBe('https://klaxon.example.com/api/v1/auth/oidc/exchange');
    const body = JSON.parse(String(init!.body)) as { code: string; verifier: string };
    expect(body.code).toBe(CODE);
    expect(createHash('sha256').update(body.verifier).digest('base64url')).toBe(started.searchParams.get('challenge'));
    expect(w.saved).toEqual(['tok-1']);
    expect(w.results).toEqual([{ ok: true, relayUrl: 'https://klaxon.example.com' }]);
  });

  it('refuses a link nobody started, a second link, and one that took too long', async () => {
    const w = world();
    await w.sso.handle(`klaxon://auth?code=${CODE}`);
    expect(w.results[0]).toMatchObject({ ok: false });
    await w.sso.start('https://klaxon.example.com');
    await w.sso.handle(`klaxon://auth?code=${CODE}`);
    await w.sso.handle(`klaxon://auth?code=${CODE}`);
    expect(w.results.map((r) => r.ok)).toEqual([false, true, false]);
    await w.sso.start('https://klaxon.example.com');
    w.advance(SSO_PENDING_MS + 1);
    await w.sso.handle(`klaxon://auth?code=${CODE}`);
    expect(w.results.at(-1)).toMatchObject({ ok: false });
    expect(w.fetchMock).toHaveBeenCalledTimes(1);
  });

  it('reports the relay\'s refusal and an unreachable relay, keeping no token', async () => {
    const refused = world({ status: 401, body: { error: 'this sign-in code is unknown, used or expired: sign in again' } });
    await refused.sso.start('https://klaxon.example.com');
    await refused.sso.handle(`klaxon://auth?code=${CODE}`);
    expect(refused.results).toEqual([{ ok: false, error: 'this sign-in code is unknown, used or expired: sign in again' }]);
    const down = world('down');
    await down.sso.start('https://klaxon.example.com');
    await down.sso.handle(`klaxon://auth?code=${CODE}`);
    expect(down.results[0]).toMatchObject({ ok: false, error: expect.stringContaining('unreachable') });
    expect([...refused.saved, ...down.saved]).toEqual([]);
  });

  it('leaves other links to the incident deep links and refuses a relay address of another scheme', async () => {
    const w = world();
    expect(await w.sso.handle('klaxon://incident/inc-1')).toBe(false);
    await expect(w.sso.start('file:///etc/passwd')).rejects.toThrow('http');
  });
});
