import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createApp, effectScope, nextTick } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ServicesKey } from '../services/services.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createFakeApi, createFakeHost, createFakeLink } from '../testing/fake-services.js';
import type { HistoryApi } from './history-api.js';
import { defaultHistoryForm } from './history-query.js';
import { historyPageFixture } from './testing/history-fixture.js';
import { HistoryApiKey, useHistoryStore } from './use-history-store.js';
import { useHistoryUrl } from './use-history-url.js';

/** A console app with a memory router at `start`, the history URL hook running, and the searches the relay was asked. */
async function setup(start: string) {
  const asked: string[] = [];
  const api: HistoryApi = {
    search: async (_auth, search) => {
      asked.push(search);
      return historyPageFixture();
    },
    savedSearches: async () => [],
    saveSearch: async () => {
      throw new Error('not here');
    },
    deleteSearch: async () => {},
    filterOptions: async () => ({ teams: [], services: [], clients: [], responders: [] }),
  };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'board', component: {} },
      { path: '/history', name: 'history', component: {} },
    ],
  });
  const pinia = createPinia();
  const app = createApp({})
    .provide(ServicesKey, {
      host: createFakeHost(),
      api: createFakeApi(async () => {
        throw new Error('no');
      }),
      openLink: () => createFakeLink(),
      now: () => new Date('2026-11-30T22:38:00Z'),
    })
    .provide(HistoryApiKey, api)
    .use(pinia)
    .use(router);
  setActivePinia(pinia);
  useSessionStore().$patch({ relayUrl: 'http://relay', token: 'tok' });
  await router.push(start);
  const scope = effectScope();
  const change = app.runWithContext(() => scope.run(() => useHistoryUrl())!);
  const settle = async () => {
    for (let i = 0; i < 5; i++) await nextTick();
    await new Promise((done) => setTimeout(done, 0));
  };
  await settle();
  return { asked, router, change, settle, store: useHistoryStore() };
}

describe('useHistoryUrl', () => {
  it('runs the search a link says, and shows it in the form', async () => {
    const { asked, store } = await setup('/history?q=disk&status=resolved&service=db');
    expect(store.form).toMatchObject({ q: 'disk', status: 'resolved', service: 'db' });
    expect(asked).toEqual(['q=disk&status=resolved&service=db&limit=50']);
  });

  it('rewrites a link with unknown keys or no status in place, then searches once', async () => {
    const { asked, router } = await setup('/history?q=disk&foo=1');
    expect(router.currentRoute.value.fullPath).toBe('/history?q=disk&status=any');
    expect(asked).toEqual(['q=disk&status=any&limit=50']);
  });

  it('pushes each new search as a history entry, so back and forward walk the searches', async () => {
    const { asked, router, change, settle } = await setup('/history?q=disk&status=any');
    change({ ...defaultHistoryForm(), q: 'disk', status: 'resolved' });
    await settle();
    expect(router.currentRoute.value.fullPath).toBe('/history?q=disk&status=resolved');
    router.back();
    await settle();
    expect(router.currentRoute.value.fullPath).toBe('/history?q=disk&status=any');
    expect(asked).toEqual(['q=disk&status=any&limit=50', 'q=disk&status=resolved&limit=50', 'q=disk&status=any&limit=50']);
  });

  it('returns to the last search when opened from the navigation without a query', async () => {
    const { asked, router, settle, store } = await setup('/history');
    expect(router.currentRoute.value.fullPath).toBe('/history?status=any');
    await router.push('/history?q=disk&status=resolved');
    await router.push('/');
    await router.push('/history');
    await settle();
    expect(router.currentRoute.value.fullPath).toBe('/history?q=disk&status=resolved');
    expect(store.form.q).toBe('disk');
    expect(asked).toEqual(['status=any&limit=50', 'q=disk&status=resolved&limit=50', 'q=disk&status=resolved&limit=50']);
  });

  it('asks again for the same search without a duplicate entry, and leaves other pages alone', async () => {
    const { asked, router, change, settle } = await setup('/history?q=disk&status=any');
    change({ ...defaultHistoryForm(), q: 'disk' });
    await settle();
    expect(asked).toHaveLength(2);
    await router.push('/');
    await settle();
    change({ ...defaultHistoryForm(), q: 'cpu' });
    await settle();
    expect(router.currentRoute.value.fullPath).toBe('/');
    expect(asked).toHaveLength(2);
  });
});
