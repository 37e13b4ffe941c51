import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import { ServicesKey } from '../services/services.js';
import type { RelayDownload } from '../services/relay-request.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createFakeApi, createFakeHost, createFakeLink } from '../testing/fake-services.js';
import { createReportApi } from './report-api.js';
import { reportFixture } from './testing/report-fixture.js';
import { ReportApiKey, ReportSaverKey, useReportsStore } from './use-reports-store.js';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** A relay at the HTTP boundary: records each URL and answers from `routes` by path. */
function fakeRelay(routes: Record<string, (url: URL) => Answer | Promise<Answer>>) {
  const urls: URL[] = [];
  const fetchImpl = (async (input: string) => {
    const url = new URL(input);
    urls.push(url);
    const route = routes[url.pathname];
    const answer = route ? await route(url) : { status: 404, body: { error: 'no such route' } };
    const body = typeof answer.body === 'string' || answer.body === undefined ? (answer.body ?? null) : JSON.stringify(answer.body);
    return new Response(body, { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } });
  }) as typeof fetch;
  return { urls, fetchImpl };
}

function setup(routes: Record<string, (url: URL) => Answer | Promise<Answer>>) {
  const relay = fakeRelay(routes);
  const saved: RelayDownload[] = [];
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
    .provide(ReportApiKey, createReportApi(relay.fetchImpl))
    .provide(ReportSaverKey, (file: RelayDownload) => void saved.push(file))
    .use(pinia);
  setActivePinia(pinia);
  useSessionStore().$patch({ relayUrl: 'http://relay', token: 'tok' });
  const store = useReportsStore();
  store.zone = 'UTC';
  return { relay, saved, store };
}

describe('useReportsStore', () => {
  it('asks for the range and filters of the form and shows the report', async () => {
    const { relay, store } = setup({ '/api/v1/reports/summary': () => ({ status: 200, body: reportFixture() }) });
    store.form.range = { preset: 'last-7-days' };
    store.form.filters.team = 'noc';
    const loading = store.load();
    expect(store.status).toBe('loading');
    await loading;
    expect(store.status).toBe('ready');
    expect(store.report?.totals.incidents).toBe(9);
    expect(store.empty).toBe(false);
    expect(Object.fromEntries(relay.urls[0]!.searchParams)).toEqual({ from: '2026-11-24T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', team: 'noc' });
  });

  it("shows the relay's 400 message, and a custom range's problem without asking", async () => {
    const { relay, store } = setup({ '/api/v1/reports/summary': () => ({ status: 400, body: { error: 'team: use 1–64 lower-case letters', field: 'team' } }) });
    await store.load();
    expect(store).toMatchObject({ status: 'error', error: 'team: use 1–64 lower-case letters', report: null });
    store.form.range = { preset: 'custom', fromDate: '2026-11-03', toDate: '2026-11-01' };
    await store.load();
    expect(store.error).toBe('The last day comes before the first day.');
    expect(relay.urls).toHaveLength(1);
  });

  it('shows a report only to the session it was computed for', async () => {
    const { store } = setup({ '/api/v1/reports/summary': () => ({ status: 200, body: reportFixture() }) });
    await store.load();
    expect(store.report?.totals.incidents).toBe(9);
    useSessionStore().$patch({ token: 'someone-else' });
    expect(store.report).toBeNull();
  });

  it('says a range is empty when no incident was first seen in it', async () => {
    const { store } = setup({ '/api/v1/reports/summary': () => ({ status: 200, body: reportFixture((r) => (r.totals.incidents = 0)) }) });
    await store.load();
    expect(store.empty).toBe(true);
  });

  it('drops an answer overtaken by a newer request', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((done) => (release = done));
    const { store } = setup({
      '/api/v1/reports/summary': async (url) => {
        if (url.searchParams.get('priority') === 'low') await slow;
        return { status: 200, body: reportFixture((r) => (r.totals.incidents = url.searchParams.get('priority') === 'low' ? 1 : 2)) };
      },
    });
    store.form.filters.priority = 'low';
    const first = store.load();
    store.form.filters.priority = 'high';
    await store.load();
    release();
    await first;
    expect(store.report?.totals.incidents).toBe(2);
  });

  it('downloads the CSV of the current form under the name the relay gives, and says when an export fails', async () => {
    const { relay, saved, store } = setup({
      '/api/v1/reports/summary.csv': () => ({ status: 200, body: 'section,key\r\n', headers: { 'content-disposition': 'attachment; filename="r.csv"' } }),
      '/api/v1/reports/summary.json': () => ({ status: 403, body: { error: 'not for you' } }),
    });
    store.form.filters.client = 'acme';
    await store.exportAs('csv');
    expect(saved.map((f) => f.fileName)).toEqual(['r.csv']);
    expect(await saved[0]!.blob.text()).toBe('section,key\r\n');
    expect(relay.urls[0]!.searchParams.get('client')).toBe('acme');
    await store.exportAs('json');
    expect(store.exportError).toBe('The JSON export failed: not for you');
    expect(store.exporting).toBeNull();
  });

  it("fills the filters from the directory, services and clients, leaving out a list the relay refuses", async () => {
    const { store } = setup({
      '/api/v1/policies/directory': () => ({ status: 200, body: { users: [{ id: 'bob', name: 'Bob', role: 'responder' }], teams: [{ id: 'noc', name: 'NOC', timeZone: 'UTC' }], schedules: [] } }),
      '/api/v1/services': () => ({ status: 200, body: { services: [{ id: 'web', name: 'Web' }, { id: 'db', name: 'Databases', team: 'noc' }] } }),
      '/api/v1/clients': () => ({ status: 403, body: { error: 'no' } }),
    });
    await store.loadOptions();
    expect(store.options).toEqual({
      teams: [{ value: 'noc', label: 'NOC' }],
      services: [
        { value: 'db', label: 'Databases' },
        { value: 'web', label: 'Web' },
      ],
      clients: [],
      responders: [{ value: 'bob', label: 'Bob' }],
    });
  });
});
