import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import { ServicesKey } from '../services/services.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createFakeApi, createFakeHost, createFakeLink } from '../testing/fake-services.js';
import { makeIncident } from '../board/testing/board-fakes.js';
import { createHistoryApi } from './history-api.js';
import { historyPageFixture } from './testing/history-fixture.js';
import { HistoryApiKey, useHistoryStore } from './use-history-store.js';

type Answer = { status: number; body?: unknown };
type Route = (url: URL, init: RequestInit) => Answer | Promise<Answer>;

/** A relay at the HTTP boundary: records each request and answers from `routes` by method and path. */
function setup(routes: Record<string, Route>) {
  const requests: { method: string; url: URL; body: unknown }[] = [];
  const fetchImpl = (async (input: string, init: RequestInit = {}) => {
    const url = new URL(input);
    const method = init.method ?? 'GET';
    requests.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return new Response(JSON.stringify({ error: 'no such route' }), { status: 404 });
    const answer = await route(url, init);
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const pinia = createPinia();
  createApp({})
    .provide(ServicesKey, {
      host: createFakeHost(),
      api: createFakeApi(async () => {
        throw new Error('no');
      }),
      openLink: () => createFakeLink(),
      now: () => new Date('2026-11-30T22:38:00Z'),
    })
    .provide(HistoryApiKey, createHistoryApi(fetchImpl))
    .use(pinia);
  setActivePinia(pinia);
  useSessionStore().$patch({ relayUrl: 'http://relay', token: 'tok' });
  return { requests, store: useHistoryStore() };
}

describe('useHistoryStore', () => {
  it('asks the relay for the search and shows the incidents, snippets, total and facets', async () => {
    const { requests, store } = setup({ 'GET /api/v1/incidents': () => ({ status: 200, body: historyPageFixture() }) });
    store.form.q = 'zanzibar';
    store.form.status = 'resolved';
    const loading = store.load();
    expect(store.status).toBe('loading');
    await loading;
    expect(store.status).toBe('ready');
    expect(requests[0]!.url.search).toBe('?q=zanzibar&status=resolved&limit=50');
    expect(requests[0]!.url.pathname).toBe('/api/v1/incidents');
    expect(store.results?.incidents.map((i) => i.id)).toEqual(['inc-1', 'inc-2']);
    expect(store.results?.snippets['inc-1']?.[1]).toEqual({ text: 'zanzibar', match: true });
    expect(store.results?.total).toBe(3);
  });

  it('appends the next page by cursor, listing an incident that moved between pages once', async () => {
    const { requests, store } = setup({
      'GET /api/v1/incidents': (url) =>
        url.searchParams.get('cursor') === 'c2'
          ? { status: 200, body: historyPageFixture((p) => Object.assign(p, { incidents: [makeIncident('inc-2'), makeIncident('inc-3')], snippets: { 'inc-3': [{ text: 'x', match: true }] }, nextCursor: null })) }
          : { status: 200, body: historyPageFixture() },
    });
    await store.load();
    await store.loadMore();
    expect(requests[1]!.url.searchParams.get('cursor')).toBe('c2');
    expect(store.results?.incidents.map((i) => i.id)).toEqual(['inc-1', 'inc-2', 'inc-3']);
    expect(Object.keys(store.results?.snippets ?? {})).toEqual(['inc-1', 'inc-3']);
    expect(store.results?.nextCursor).toBeNull();
    await store.loadMore();
    expect(requests).toHaveLength(2);
  });

  it('puts a refusal that names a filter beside that filter', async () => {
    const { store } = setup({ 'GET /api/v1/incidents': () => ({ status: 400, body: { error: 'from: Invalid ISO datetime', field: 'from' } }) });
    store.form.from = 'last tuesday';
    await store.load();
    expect(store.status).toBe('error');
    expect(store.fieldErrors).toEqual({ from: 'Invalid ISO datetime' });
    expect(store.error).toBe('from: Invalid ISO datetime');
    expect(store.results).toBeNull();
  });

  it('shows a refusal that names no filter as a whole, and an unreachable relay as such', async () => {
    let down = false;
    const { store } = setup({
      'GET /api/v1/incidents': () => {
        if (down) throw new TypeError('fetch failed');
        return { status: 403, body: { error: 'Your role may not search the history' } };
      },
    });
    await store.load();
    expect(store.status).toBe('error');
    expect(store.fieldErrors).toEqual({});
    expect(store.error).toBe('Your role may not search the history');
    down = true;
    await store.load();
    expect(store.status).toBe('unreachable');
    expect(store.error).toBe('The relay at http://relay is unreachable');
  });

  it('drops an answer overtaken by a newer search', async () => {
    let release: (a: Answer) => void = () => {};
    const { store } = setup({
      'GET /api/v1/incidents': (url) =>
        url.searchParams.get('q') === 'old' ? new Promise<Answer>((done) => (release = done)) : { status: 200, body: historyPageFixture((p) => (p.total = 7)) },
    });
    store.form.q = 'old';
    const first = store.load();
    store.form.q = 'new';
    await store.load();
    release({ status: 200, body: historyPageFixture((p) => (p.total = 1)) });
    await first;
    expect(store.results?.total).toBe(7);
  });

  it('shows results only to the session they were asked for', async () => {
    const { store } = setup({ 'GET /api/v1/incidents': () => ({ status: 200, body: historyPageFixture() }) });
    await store.load();
    useSessionStore().$patch({ token: 'someone-else' });
    expect(store.results).toBeNull();
  });

  it('lists, saves (as the URL query) and deletes saved searches', async () => {
    const stored = { id: 's1', name: 'Disk', query: 'q=disk&status=any', ownerId: 'ann', shared: false, createdAt: '2026-11-30T10:00:00.000Z' };
    const { requests, store } = setup({
      'GET /api/v1/saved-searches': () => ({ status: 200, body: { searches: [stored] } }),
      'POST /api/v1/saved-searches': (_url, init) => {
        const body = JSON.parse(String(init.body)) as { name: string; query: string; shared: boolean };
        if (body.name.length > 100) return { status: 400, body: { error: 'name: Too big', field: 'name' } };
        return { status: 201, body: { search: { ...stored, id: 's2', ...body } } };
      },
      'DELETE /api/v1/saved-searches/s1': () => ({ status: 204 }),
    });
    await store.loadSaved();
    expect(store.saved.map((s) => s.name)).toEqual(['Disk']);
    store.form.q = 'zanzibar';
    store.form.status = 'resolved';
    expect(await store.saveCurrent('Zanzibar', true)).toBeNull();
    expect(requests.at(-1)!.body).toEqual({ name: 'Zanzibar', query: 'q=zanzibar&status=resolved', shared: true });
    expect(store.saved.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(await store.saveCurrent('x'.repeat(101), false)).toBe('name: Too big');
    await store.deleteSaved('s1');
    expect(requests.at(-1)!.method).toBe('DELETE');
    expect(store.saved.map((s) => s.id)).toEqual(['s2']);
  });
});
