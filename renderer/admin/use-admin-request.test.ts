import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import { RelayRequestError } from '../services/relay-request.js';
import { ServicesKey } from '../services/services.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createFakeApi, createFakeHost, createFakeLink } from '../testing/fake-services.js';
import { createAdminApi, type AdminApi } from './admin-api.js';
import { AdminApiKey, useAdminRequest } from './use-admin-request.js';

function setup(signedIn: boolean) {
  const api: AdminApi = {
    ...createAdminApi((async () => {
      throw new Error('not used');
    }) as typeof fetch),
    listTeams: async () => [],
    inviteUser: async (_auth, input) => {
      if (input.email === 'taken@example.com') throw new RelayRequestError(409, 'email: taken@example.com is already in use', 'email');
      return { userId: input.id, password: 'one-time' };
    },
  };
  const pinia = createPinia();
  const app = createApp({})
    .provide(ServicesKey, { host: createFakeHost(), api: createFakeApi(async () => { throw new Error('no'); }), openLink: () => createFakeLink(), now: () => new Date() })
    .provide(AdminApiKey, api)
    .use(pinia);
  setActivePinia(pinia);
  if (signedIn) useSessionStore().$patch({ relayUrl: 'http://relay:7300', token: 'tok', user: { id: 'ada', name: 'Ada', email: 'ada@example.com', role: 'admin', notify: [] } });
  return app.runWithContext(() => useAdminRequest());
}

const jo = (email: string) => ({ id: 'jo', name: 'Jo', email, role: 'responder' as const });

describe('useAdminRequest', () => {
  it('keeps the relay’s refusal and its field, and clears them when a call works', async () => {
    const request = setup(true);
    expect(await request.run((api, auth) => api.inviteUser(auth, jo('taken@example.com')))).toBeUndefined();
    expect(request.error.value).toBe('email: taken@example.com is already in use');
    expect(request.field.value).toBe('email');
    expect(request.busy.value).toBe(false);

    expect(await request.run((api, auth) => api.inviteUser(auth, jo('jo@example.com')))).toEqual({ userId: 'jo', password: 'one-time' });
    expect(request.error.value).toBeNull();
    expect(request.field.value).toBeNull();
  });

  it('refuses to call before anyone is signed in', async () => {
    const request = setup(false);
    expect(await request.run((api, auth) => api.listTeams(auth))).toBeUndefined();
    expect(request.error.value).toBe('Sign in first');
  });
});
