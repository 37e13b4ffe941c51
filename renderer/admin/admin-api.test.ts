import { describe, expect, it } from 'vitest';
import { RelayRequestError } from '../services/relay-request.js';
import { createAdminApi } from './admin-api.js';

const auth = { relayUrl: 'http://relay:7300', token: 'tok' };

/** A fake relay: answers `reply` and keeps every request it saw. */
function fakeFetch(reply: (url: string, init: RequestInit) => { status: number; body?: unknown }) {
  const seen: { method: string; url: string; body: unknown; authorization: string | undefined }[] = [];
  const impl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const headers = init.headers as Record<string, string>;
    seen.push({ method: init.method ?? 'GET', url, body: init.body === undefined ? undefined : JSON.parse(String(init.body)), authorization: headers.authorization });
    const { status, body } = reply(url, init);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { impl, seen };
}

describe('createAdminApi', () => {
  it('sends each admin call to its route with the token, ids encoded, and checks the answer', async () => {
    const { impl, seen } = fakeFetch((url) => {
      if (url.endsWith('/reset-password')) return { status: 200, body: { userId: 'jo', password: 'one-time' } };
      if (url.endsWith('/rotate-key')) return { status: 200, body: { id: 'rmm:events-v2:1', key: 'new-key' } };
      if (url.endsWith('/preview')) return { status: 200, body: { incidents: [], changed: 0 } };
      return { status: 200, body: {} };
    });
    const api = createAdminApi(impl);
    expect(await api.resetPassword(auth, 'jo')).toEqual({ userId: 'jo', password: 'one-time' });
    expect(await api.rotateKey(auth, 'rmm:events-v2:1')).toEqual({ id: 'rmm:events-v2:1', key: 'new-key' });
    await api.saveTeam(auth, { id: 'soc', name: 'SOC', timeZone: 'UTC', businessHours: { days: ['mon'], start: '09:00', end: '17:00' }, holidays: [], members: [] }, 'update');
    await api.saveService(auth, { id: 'web', name: 'Web', team: 'noc', policy: 'p', pageMediumNow: false }, 'create');
    expect(await api.previewRules(auth, 'db', [{ priority: 'low' }])).toEqual({ incidents: [], changed: 0 });

    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST http://relay:7300/api/v1/users/jo/reset-password',
      'POST http://relay:7300/api/v1/integrations/rmm%3Aevents-v2%3A1/rotate-key',
      'PUT http://relay:7300/api/v1/teams/soc',
      'POST http://relay:7300/api/v1/services',
      'POST http://relay:7300/api/v1/services/db/priority-rules/preview',
    ]);
    expect(seen.every((s) => s.authorization === 'Bearer tok')).toBe(true);
    // A team's update carries no id in its body (the route has it); a create carries the whole service.
    expect(seen[2]!.body).not.toHaveProperty('id');
    expect(seen[3]!.body).toMatchObject({ id: 'web', name: 'Web' });
    expect(seen[4]!.body).toEqual({ rules: [{ priority: 'low' }] });
  });

  it('throws the relay’s refusal with the field it named', async () => {
    const { impl } = fakeFetch(() => ({ status: 400, body: { error: 'timeZone: use an IANA time zone such as "Europe/London"', field: 'timeZone' } }));
    const refusal = await createAdminApi(impl).inviteUser(auth, { id: 'jo', name: 'Jo', email: 'jo@example.com', role: 'responder', timeZone: 'Mars' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RelayRequestError);
    expect(refusal).toMatchObject({ status: 400, field: 'timeZone', message: 'timeZone: use an IANA time zone such as "Europe/London"' });
  });

  it('refuses an answer that does not match the shared schema', async () => {
    const { impl } = fakeFetch(() => ({ status: 200, body: { users: [{ user: { id: 'jo' } }] } }));
    await expect(createAdminApi(impl).listUsers(auth)).rejects.toThrow('The relay sent an answer this console does not understand');
  });
});
