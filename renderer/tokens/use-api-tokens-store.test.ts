import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import type { ApiToken } from '../../shared/schemas/api-token.js';
import type { User } from '../../shared/schemas/user.js';
import { ServicesKey } from '../services/services.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createFakeApi, createFakeHost, createFakeLink } from '../testing/fake-services.js';
import { ApiTokensError, createApiTokensApi, type ApiTokensApi } from './api-tokens-api.js';
import { tokenState } from './token-state.js';
import { formatInstant } from '../time/format-instant.js';
import { ApiTokensApiKey, useApiTokensStore } from './use-api-tokens-store.js';

function setup(role: User['role']) {
  const rows: ApiToken[] = [];
  const api: ApiTokensApi = {
    list: async () => rows.map((r) => ({ ...r })),
    async create(_auth, draft) {
      if (draft.scopes.includes('admin') && role !== 'admin') throw new ApiTokensError('scopes: the admin scope is for admins', 'scopes');
      const token: ApiToken = {
        id: `tok-${rows.length + 1}`, name: draft.name, kind: draft.kind ?? 'personal', owner: 'dan', scopes: draft.scopes, prefix: 'klx_abcdefgh',
        createdAt: '2026-11-28T14:00:00.000Z', expiresAt: '2026-12-28T14:00:00.000Z', lastUsedAt: null, revokedAt: null,
      };
      rows.unshift(token);
      return { token, secret: 'klx_abcdefgh-secret' };
    },
    async revoke(_auth, id) {
      const row = rows.find((r) => r.id === id)!;
      row.revokedAt = '2026-11-28T15:00:00.000Z';
      return row;
    },
  };
  const pinia = createPinia();
  createApp({})
    .provide(ServicesKey, { host: createFakeHost(), api: createFakeApi(async () => { throw new Error('no'); }), openLink: () => createFakeLink(), now: () => new Date() })
    .provide(ApiTokensApiKey, api)
    .use(pinia);
  setActivePinia(pinia);
  useSessionStore().$patch({ relayUrl: 'http://relay:7300', token: 'tok', user: { id: 'dan', name: 'Dan', email: 'dan@example.com', role, notify: [] } });
  return useApiTokensStore();
}

describe('useApiTokensStore', () => {
  it('loads (empty), creates a token keeping its secret until forgotten, and revokes it', async () => {
    const store = setup('responder');
    await store.load();
    expect(store.loaded).toBe(true);
    expect(store.tokens).toEqual([]);
    expect(await store.create({ name: 'cli', scopes: ['incidents:read'], expiresIn: '30d' })).toBe(true);
    expect(store.created?.secret).toBe('klx_abcdefgh-secret');
    expect(store.tokens.map((t) => t.name)).toEqual(['cli']);
    store.forgetSecret();
    expect(store.created).toBeNull();
    await store.revoke('tok-1');
    expect(store.tokens[0]?.revokedAt).not.toBeNull();
  });

  it('shows the relay\'s refusal with the field it names', async () => {
    const store = setup('responder');
    expect(await store.create({ name: 'x', scopes: ['admin'], expiresIn: '1d' })).toBe(false);
    expect(store.error).toContain('admin scope');
    expect(store.errorField).toBe('scopes');
    expect(store.isAdmin).toBe(false);
  });
});

describe('createApiTokensApi', () => {
  it('sends the bearer token and checks answers with the shared schemas', async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const api = createApiTokensApi(async (url, init) => {
      seen.push({ url: String(url), auth: new Headers(init?.headers).get('authorization') });
      return new Response(JSON.stringify({ error: 'this token lacks the scope admin', field: 'scopes' }), { status: 403 });
    });
    await expect(api.create({ relayUrl: 'http://r', token: 't' }, { name: 'x', scopes: ['admin'], expiresIn: '1d' })).rejects.toMatchObject({ message: 'this token lacks the scope admin', field: 'scopes' });
    expect(seen).toEqual([{ url: 'http://r/api/v1/tokens', auth: 'Bearer t' }]);
    const garbled = createApiTokensApi(async () => new Response(JSON.stringify({ tokens: [{ id: 1 }] })));
    await expect(garbled.list({ relayUrl: 'http://r', token: 't' })).rejects.toThrow('does not understand');
  });
});

const when = (at: string) => formatInstant(at, { zone: 'Asia/Kolkata' });

describe('tokenState', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  it('tells active, expired and revoked apart', () => {
    expect(tokenState({ expiresAt: '2026-12-02T00:00:00Z', revokedAt: null }, now, when).kind).toBe('active');
    expect(tokenState({ expiresAt: '2026-11-30T00:00:00Z', revokedAt: null }, now, when).kind).toBe('expired');
    expect(tokenState({ expiresAt: '2026-12-02T00:00:00Z', revokedAt: '2026-11-30T00:00:00Z' }, now, when).kind).toBe('revoked');
    expect(tokenState({ expiresAt: '2026-12-02T00:00:00Z', revokedAt: '2026-11-30T00:00:00Z' }, now, when).label).toBe('revoked 30 Nov 2026 05:30 UTC+5:30');
  });
});
