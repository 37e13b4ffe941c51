import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import type { PhoneIncidentView } from '../../../shared/schemas/phone-incident-view.js';
import type { DeviceLink } from '../device-link.js';
import { PhoneApiError, type PhoneApi } from '../phone-api.js';
import { PhoneServicesKey } from '../phone-services.js';
import { usePagesStore } from '../use-pages-store.js';
import { DEVICE_TOKEN_KEY, DEVICE_USER_KEY, usePhoneSessionStore } from '../use-phone-session-store.js';
import { NOTE_MAX_CHARS, useIncidentViewStore } from './use-incident-view-store.js';

const viewOf = (id: string, summary: string, now = '2030-01-01T00:00:10.000Z'): PhoneIncidentView => ({
  restricted: false,
  id,
  summary,
  serviceId: 'rmm',
  serviceName: 'RMM',
  source: 'sw-1',
  priority: 'high',
  status: 'triggered',
  firstSeenAt: '2030-01-01T00:00:00.000Z',
  lastSeenAt: '2030-01-01T00:00:00.000Z',
  alertCount: 1,
  fields: [],
  fieldsCut: false,
  links: [],
  runbook: null,
  notes: [],
  paged: [],
  outlook: { kind: 'none' },
  now,
});

/** A relay whose answers the test releases one by one, so it can answer out of order. */
function fakeRelay() {
  const pending: { id: string; resolve: (v: PhoneIncidentView) => void; reject: (e: unknown) => void }[] = [];
  const notes: { id: string; text: string }[] = [];
  const api = {
    me: async () => ({ id: 'bob', name: 'Bob', email: 'bob@example.com', role: 'responder', notify: [] }),
    myPages: async () => [],
    incidentView: (_token: string, id: string) => new Promise<PhoneIncidentView>((resolve, reject) => pending.push({ id, resolve, reject })),
    addNote: async (_token: string, id: string, text: string) => void notes.push({ id, text }),
  } as unknown as PhoneApi;
  return { api, pending, notes };
}

describe('useIncidentViewStore', () => {
  let relay: ReturnType<typeof fakeRelay>;
  let watched: { incidentId: string | null; listener: () => void }[];

  beforeEach(async () => {
    relay = fakeRelay();
    watched = [];
    const link: DeviceLink = {
      onPage: () => () => {},
      onState: () => () => {},
      command: async () => ({ ok: true, value: undefined }),
      watch: (incidentId, listener) => void watched.push({ incidentId, listener }),
      close: () => {},
    };
    const storage = new Map<string, string>([[DEVICE_TOKEN_KEY, 'kxd_token'], [DEVICE_USER_KEY, '{}']]);
    const pinia = createPinia();
    createApp({})
      .provide(PhoneServicesKey, {
        api: relay.api,
        openLink: () => link,
        ringer: { start: () => {}, stop: () => {}, ringing: false },
        storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) },
      })
      .use(pinia);
    setActivePinia(pinia);
    await usePhoneSessionStore().restore();
    await usePagesStore().start('kxd_token');
  });

  it('watches the incident it shows and fetches it again when the relay says it changed', async () => {
    const store = useIncidentViewStore();
    const shown = store.show('inc-1');
    expect(store.loading).toBe(true);
    relay.pending.shift()!.resolve(viewOf('inc-1', 'first'));
    await shown;
    expect(store.view?.summary).toBe('first');
    expect(watched.at(-1)?.incidentId).toBe('inc-1');

    watched.at(-1)!.listener();
    relay.pending.shift()!.resolve(viewOf('inc-1', 'changed'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.view?.summary).toBe('changed');

    store.close();
    expect(watched.at(-1)?.incidentId).toBeNull();
    expect(store.view).toBeNull();
  });

  it('drops an older answer that arrives after a newer one, and after the view moved on', async () => {
    const store = useIncidentViewStore();
    void store.show('inc-1');
    void store.refresh();
    const [older, newer] = relay.pending.splice(0, 2);
    newer!.resolve(viewOf('inc-1', 'newer'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    older!.resolve(viewOf('inc-1', 'older'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.view?.summary).toBe('newer');

    void store.show('inc-2');
    const late = relay.pending.shift()!;
    store.close();
    late.resolve(viewOf('inc-2', 'late'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.view).toBeNull();
  });

  it('shows an error state for a missing incident', async () => {
    const store = useIncidentViewStore();
    const shown = store.show('gone');
    relay.pending.shift()!.reject(new PhoneApiError('no such incident', 404));
    await shown;
    expect(store.error).toBe('This incident no longer exists.');
    expect(store.loading).toBe(false);
  });

  it('keeps the relay clock offset for the countdown', async () => {
    const store = useIncidentViewStore();
    const shown = store.show('inc-1');
    relay.pending.shift()!.resolve(viewOf('inc-1', 's', new Date(Date.now() + 60_000).toISOString()));
    await shown;
    expect(store.skewMs).toBeGreaterThan(59_000);
    expect(store.skewMs).toBeLessThan(61_000);
  });

  it('refuses an empty or too long note before sending it', async () => {
    const store = useIncidentViewStore();
    const shown = store.show('inc-1');
    relay.pending.shift()!.resolve(viewOf('inc-1', 's'));
    await shown;
    expect(await store.addNote('   ')).toBe(false);
    expect(await store.addNote('x'.repeat(NOTE_MAX_CHARS + 1))).toBe(false);
    expect(store.noteError).toMatch(/at most/);
    expect(relay.notes).toEqual([]);
    const added = store.addNote('  on my way ');
    await new Promise((resolve) => setTimeout(resolve, 0));
    relay.pending.shift()!.resolve(viewOf('inc-1', 's'));
    expect(await added).toBe(true);
    expect(relay.notes).toEqual([{ id: 'inc-1', text: 'on my way' }]);
  });
});
