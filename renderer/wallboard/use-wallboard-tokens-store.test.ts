import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import type { User } from '../../shared/schemas/user.js';
import { ServicesKey } from '../services/services.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createFakeApi, createFakeHost, createFakeLink } from '../testing/fake-services.js';
import { useWallboardTokensStore, WallboardTokenApiKey } from './use-wallboard-tokens-store.js';
import type { WallboardTokenApi, WallboardTokenView } from './wallboard-token-api.js';

function setup(role: User['role']) {
  const rows: WallboardTokenView[] = [];
  const api: WallboardTokenApi = {
    list: async () => rows.map((r) => ({ ...r })),
    async create(_auth, name) {
      const row = { id: `t${rows.length + 1}`, name, createdBy: 'ann', createdAt: '2026-11-28T14:00:00.000Z', revokedAt: null };
      rows.push(row);
      return { ...row, token: 'kwb_secret' };
    },
    async revoke(_auth, id) {
      const row = rows.find((r) => r.id === id);
      if (!row) throw new Error('no such wallboard token');
      row.revokedAt = '2026-11-28T15:00:00.000Z';
    },
  };
  const pinia = createPinia();
  createApp({})
    .provide(ServicesKey, { host: createFakeHost(), api: createFakeApi(async () => { throw new Error('no'); }), openLink: () => createFakeLink(), now: () => new Date() })
    .provide(WallboardTokenApiKey, api)
    .use(pinia);
  setActivePinia(pinia);
  useSessionStore().$patch({ relayUrl: 'http://relay:7300', token: 'tok', user: { id: 'ann', name: 'Ann', email: 'ann@example.com', role, notify: [] } });
  return useWallboardTokensStore();
}

describe('useWallboardTokensStore', () => {
  it('creates a token, shows its wallboard link once and revokes it', async () => {
    const store = setup('ir-manager');
    await store.load();
    expect(store.tokens).toEqual([]);
    await store.create('NOC wall');
    expect(store.newLink).toBe('http://relay:7300/wallboard#token=kwb_secret');
    expect(store.tokens.map((t) => t.name)).toEqual(['NOC wall']);
    await store.revoke('t1');
    expect(store.tokens[0]!.revokedAt).toBe('2026-11-28T15:00:00.000Z');
    await store.revoke('nope');
    expect(store.error).toBe('no such wallboard token');
  });

  it('lists nothing for people who may not manage wall screens', async () => {
    const store = setup('responder');
    expect(store.canManage).toBe(false);
    await store.load();
    expect(store.tokens).toEqual([]);
  });
});
