import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, nextTick } from 'vue';
import type { CommandResult } from '../../shared/schemas/command.js';
import type { PagePush } from '../../shared/schemas/page.js';
import type { DeviceCommand, DeviceLink, LinkState } from './device-link.js';
import type { MyPage, PhoneApi } from './phone-api.js';
import { PhoneServicesKey } from './phone-services.js';
import type { Ringer } from './ringer.js';
import { usePagesStore } from './use-pages-store.js';

function fakeLink() {
  let pageListener: ((page: PagePush, delivered: () => void) => void) | null = null;
  let stateListener: ((state: LinkState) => void) | null = null;
  const commands: { event: DeviceCommand; payload: unknown }[] = [];
  let answer: CommandResult = { ok: true, value: undefined };
  const link: DeviceLink = {
    onPage: (l) => ((pageListener = l), () => {}),
    onState: (l) => ((stateListener = l), () => {}),
    command: async (event, payload) => (commands.push({ event, payload }), answer),
    watch: () => {},
    close: () => {},
  };
  return {
    link,
    commands,
    answerWith: (result: CommandResult) => (answer = result),
    push(page: PagePush): number {
      let delivered = 0;
      pageListener!(page, () => delivered++);
      return delivered;
    },
    state: (s: LinkState) => stateListener!(s),
  };
}

const page = (id: string, overrides: Partial<PagePush> = {}): PagePush => ({
  id,
  incidentId: `inc-${id}`,
  summary: `Summary ${id}`,
  priority: 'high',
  serviceName: 'RMM',
  createdAt: '2030-01-01T00:00:00.000Z',
  attempt: 1,
  ...overrides,
});

describe('usePagesStore', () => {
  let link: ReturnType<typeof fakeLink>;
  let ring: { on: boolean; starts: number };
  let mine: MyPage[];

  beforeEach(() => {
    link = fakeLink();
    ring = { on: false, starts: 0 };
    mine = [];
    const ringer: Ringer = {
      start: () => ((ring.on = true), ring.starts++),
      stop: () => (ring.on = false),
      get ringing() {
        return ring.on;
      },
    };
    const api = { myPages: async () => mine } as unknown as PhoneApi;
    const pinia = createPinia();
    createApp({}).provide(PhoneServicesKey, { api, openLink: () => link.link, ringer, storage: localStorageFake() }).use(pinia);
    setActivePinia(pinia);
  });

  it('rings for a new high page and takes the screen; Read stops the ring and sends the receipt at once', async () => {
    const pages = usePagesStore();
    await pages.start('kxd_token');
    link.state('live');
    expect(pages.link).toBe('live');
    expect(link.push(page('p1'))).toBe(1);
    await nextTick();
    expect(pages.ringing).toBe(true);
    expect(ring.on).toBe(true);
    expect(pages.focused?.id).toBe('p1');

    await pages.read('p1');
    await nextTick();
    expect(link.commands).toEqual([{ event: 'page:read', payload: { id: 'p1' } }]);
    expect(pages.ringing).toBe(false);
    expect(ring.on).toBe(false);
    expect(pages.focused).toMatchObject({ id: 'p1', read: true });
  });

  it('drops replayed duplicates, does not ring for medium pages, and re-sends a read the relay missed', async () => {
    const pages = usePagesStore();
    await pages.start('kxd_token');
    link.push(page('p1'));
    link.push(page('p1'));
    link.push(page('m1', { priority: 'medium' }));
    expect(pages.pages.map((p) => p.id)).toEqual(['m1', 'p1']);
    await pages.read('p1');
    link.push(page('p1', { attempt: 2 }));
    expect(link.commands.filter((c) => c.event === 'page:read')).toHaveLength(2);
    await nextTick();
    expect(ring.on).toBe(false);
  });

  it('acknowledges, resolves and escalates the incident, and shows a refusal', async () => {
    const pages = usePagesStore();
    await pages.start('kxd_token');
    link.push(page('p1'));
    await pages.read('p1');
    await pages.acknowledge('inc-p1');
    expect(pages.focused?.incidentStatus).toBe('acknowledged');
    link.answerWith({ ok: false, error: { code: 'forbidden', message: 'not yours' } });
    await pages.resolve('inc-p1');
    expect(pages.error).toBe('not yours');
    expect(pages.focused?.incidentStatus).toBe('acknowledged');
    link.answerWith({ ok: true, value: undefined });
    await pages.escalate('inc-p1');
    expect(link.commands.at(-1)).toEqual({ event: 'incident:escalate', payload: { incidentId: 'inc-p1' } });
    expect(pages.pages).toEqual([]);
  });

  it('snoozes the acknowledged incident for a duration, and shows a refusal', async () => {
    const pages = usePagesStore();
    await pages.start('kxd_token');
    link.push(page('p1'));
    await pages.read('p1');
    await pages.acknowledge('inc-p1');
    expect(await pages.snooze('inc-p1', 3600)).toBe(true);
    expect(link.commands.at(-1)).toEqual({ event: 'incident:snooze', payload: { incidentId: 'inc-p1', duration: 3600 } });
    link.answerWith({ ok: false, error: { code: 'forbidden', message: 'snooze needs the role admin or ir-manager' } });
    expect(await pages.snooze('inc-p1', 3600)).toBe(false);
    expect(pages.error).toContain('snooze needs the role');
  });

  it('lists my read pages of open incidents from the relay, and keeps test pages local', async () => {
    mine = [{ ...page('old'), state: 'read', incidentStatus: 'acknowledged' }];
    const pages = usePagesStore();
    await pages.start('kxd_token');
    expect(pages.pages).toMatchObject([{ id: 'old', read: true, incidentStatus: 'acknowledged' }]);
    link.push(page('test-1'));
    await pages.read('test-1');
    expect(link.commands).toEqual([]);
  });
});

function localStorageFake() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
}
