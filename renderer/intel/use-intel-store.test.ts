import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import type { Indicator } from '../../shared/schemas/intel.js';
import type { User } from '../../shared/schemas/user.js';
import { RelayRequestError } from '../services/relay-request.js';
import { ServicesKey } from '../services/services.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createFakeApi, createFakeHost, createFakeLink } from '../testing/fake-services.js';
import { draftOfObservable } from './indicator-draft.js';
import { createIntelApi, IntelImportRefused, listQuery, type IntelApi } from './intel-api.js';
import { NO_FILTERS } from './intel-filters.js';
import { indicator } from './testing/indicator-fixture.js';
import { useIntelNoticesStore } from './use-intel-notices-store.js';
import { IntelApiKey, useIntelStore } from './use-intel-store.js';

function setup(role: User['role'], overrides: Partial<IntelApi> = {}) {
  const rows: Indicator[] = [indicator({ id: 'a', tags: ['c2'] })];
  const api: IntelApi = {
    list: async () => rows.map((r) => ({ ...r })),
    async save(_auth, body, id) {
      if (!/^[\d.]+$/.test(body.value) && body.type === 'ip') throw new RelayRequestError(400, 'value: not an IP address', 'value');
      const made = indicator({ id: id ?? `i${rows.length + 1}`, type: body.type, value: body.value, incidentIds: body.incidentIds ?? [], source: body.source ?? '' });
      rows.push(made);
      return made;
    },
    async remove(_auth, id) {
      rows.splice(rows.findIndex((r) => r.id === id), 1);
    },
    async importText(_auth, text) {
      if (text.includes('bad')) throw new IntelImportRefused({ imported: 0, updated: 0, errors: [{ path: 'row 3.value', message: 'not an IP address' }] });
      return { imported: 1, updated: 0, errors: [] };
    },
    exportFile: async () => ({ blob: new Blob(['x']), fileName: 'x.csv' }),
    ...overrides,
  };
  const pinia = createPinia();
  createApp({})
    .provide(ServicesKey, { host: createFakeHost(), api: createFakeApi(async () => { throw new Error('no'); }), openLink: () => createFakeLink(), now: () => new Date('2026-12-01T00:00:00Z') })
    .provide(IntelApiKey, api)
    .use(pinia);
  setActivePinia(pinia);
  useSessionStore().$patch({ relayUrl: 'http://relay:7300', token: 'tok', user: { id: 'u', name: 'U', email: 'u@example.com', role, notify: [] } });
  return { store: useIntelStore(), rows };
}

describe('useIntelStore', () => {
  it('loads, filters, and saves an observable as an indicator linked to its incident', async () => {
    const { store, rows } = setup('threat-researcher');
    expect(store.canEdit).toBe(true);
    await store.load();
    expect(store.status).toBe('ready');
    store.filters.tag = 'c2';
    expect(store.visible.map((i) => i.id)).toEqual(['a']);
    store.edit(draftOfObservable({ type: 'ip', value: '198.51.100.4' }, 'inc_7'));
    expect(await store.save()).toBe(true);
    expect(store.draft).toBeNull();
    expect(rows.at(-1)).toMatchObject({ value: '198.51.100.4', source: 'incident inc_7', incidentIds: ['inc_7'] });
    expect(store.indicators).toHaveLength(2);
  });

  it('keeps the dialog open on a 400 and marks the field the relay named', async () => {
    const { store } = setup('ir-manager');
    store.edit(null);
    store.draft!.value = 'not-an-ip';
    expect(await store.save()).toBe(false);
    expect(store.draft).not.toBeNull();
    expect(store.field).toBe('value');
    expect(store.message).toBe('value: not an IP address');
  });

  it('shows the import refusal with each path, and the result of a good import', async () => {
    const { store } = setup('admin');
    expect(await store.importText('type,value\nip,1.2.3.4\nip,bad')).toBe(false);
    expect(store.importing.refused).toEqual([{ path: 'row 3.value', message: 'not an IP address' }]);
    expect(store.importing.message).toContain('Nothing was imported');
    expect(await store.importText('type,value\nip,1.2.3.4')).toBe(true);
    expect(store.importing.result).toEqual({ imported: 1, updated: 0, errors: [] });
  });

  it('hides write controls from a triage analyst and tells an unreachable relay from a refusal', async () => {
    const { store } = setup('triage-analyst', { list: async () => { throw new RelayRequestError(0, 'The relay at http://relay:7300 is unreachable'); } });
    expect(store.canEdit).toBe(false);
    await store.load();
    expect(store.status).toBe('unreachable');
    const refused = setup('triage-analyst', { list: async () => { throw new RelayRequestError(403, 'Your role may not see this'); } }).store;
    await refused.load();
    expect(refused.status).toBe('error');
  });
});

describe('createIntelApi', () => {
  const auth = { relayUrl: 'http://r', token: 't' };
  it('sends the page\'s filters to the relay', () => {
    expect(listQuery(NO_FILTERS)).toBe('limit=1000');
    expect(listQuery({ type: 'domain', tag: 'c2', text: ' evil ', liveOnly: true })).toBe('type=domain&tag=c2&q=evil&live=true&limit=1000');
  });
  it('sends CSV as text/csv and reads a 400 import result as a refusal with its errors', async () => {
    const seen: string[] = [];
    const api = createIntelApi(async (url, init) => {
      seen.push(`${init?.method} ${String(url)} ${new Headers(init?.headers).get('content-type')}`);
      return new Response(JSON.stringify({ imported: 0, updated: 0, errors: [{ path: 'objects.1.pattern', message: 'unsupported pattern' }] }), { status: 400 });
    });
    const refused = await api.importText(auth, '{"type":"bundle"}', 'stix').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IntelImportRefused);
    expect((refused as IntelImportRefused).result.errors[0]!.path).toBe('objects.1.pattern');
    expect(seen).toEqual(['POST http://r/api/v1/intel/import application/json']);
  });
  it('passes the relay\'s field on a refused save, and refuses an answer of the wrong shape', async () => {
    const api = createIntelApi(async () => new Response(JSON.stringify({ error: 'confidence: at most 100', field: 'confidence' }), { status: 400 }));
    await expect(api.save(auth, { type: 'ip', value: '1.2.3.4', confidence: 300 }, null)).rejects.toMatchObject({ field: 'confidence', status: 400 });
    const garbled = createIntelApi(async () => new Response(JSON.stringify({ indicators: [{ id: 1 }] })));
    await expect(garbled.list(auth)).rejects.toThrow('does not understand');
  });
});

describe('useIntelNoticesStore', () => {
  it('toasts researchers about matched alerts, drops malformed pushes, ignores other roles', () => {
    setup('threat-researcher');
    const notices = useIntelNoticesStore();
    notices.receive({ incidentId: 'inc_1', summary: 'Beacon', matches: [{ indicatorId: 'a', type: 'ip', value: '1.2.3.4', field: 'summary', confidence: 80 }] });
    notices.receive({ nothing: true });
    expect(notices.notices.map((n) => [n.incidentId, n.summary, n.count])).toEqual([['inc_1', 'Beacon', 1]]);
    setup('responder');
    const other = useIntelNoticesStore();
    other.receive({ incidentId: 'inc_1' });
    expect(other.notices).toEqual([]);
  });
});
