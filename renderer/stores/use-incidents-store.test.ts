import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import {
  createFakeIncidentApi,
  createFakeSocketLink,
  createFakeSound,
  createManualFrames,
  createMemoryStorage,
  type FakeSocketLink,
  installBoardTestPinia,
  makeIncident,
  makePage,
  type ManualFrames,
} from '../board/testing/board-fakes.js';
import { createFakeApi, createFakeHost } from '../testing/fake-services.js';
import { type LiveEvent, RETRY_FIRST_MS, useIncidentsStore } from './use-incidents-store.js';

let frames: ManualFrames;
let link: FakeSocketLink;

const snapshot = (incidents: Incident[], pages = [makePage('p1', 'a')]) => ({ ok: true, value: { seq: 10, incidents, pages } });
const flushMicrotasks = () => new Promise((resolve) => setTimeout(resolve, 0));
const ids = () => useIncidentsStore().incidents.map((i) => `${i.id}@${i.seq}`);

beforeEach(() => {
  frames = createManualFrames();
  link = createFakeSocketLink(true);
  installBoardTestPinia(
    { host: createFakeHost(), api: createFakeApi(async () => Promise.reject(new Error('no'))), openLink: () => link, now: () => new Date() },
    { api: createFakeIncidentApi(), storage: createMemoryStorage(), nextFrame: frames.nextFrame, sound: createFakeSound() },
  );
});

async function attachWith(incidents: Incident[]) {
  link.answer = (name) => (name === 'board:subscribe' ? snapshot(incidents) : undefined);
  const store = useIncidentsStore();
  store.attach(link);
  await flushMicrotasks();
  return store;
}

describe('useIncidentsStore', () => {
  it('loads the board from a snapshot when it attaches to a connected link', async () => {
    const store = useIncidentsStore();
    store.attach(link);
    expect(store.status).toBe('loading');
    expect(link.waiting.map((w) => w.name)).toEqual(['board:subscribe']);
    link.waiting[0]!.ack(null, snapshot([makeIncident('a', { seq: 3 }), makeIncident('b', { seq: 4 })]));
    expect(store.status).toBe('ready');
    expect(ids()).toEqual(['a@3', 'b@4']);
    expect(store.syncCount).toBe(1);
    expect(store.paged.get('a')).toEqual([{ userId: 'ann', state: 'sent', readAt: null, error: null, failover: false }]);
  });

  it('applies a burst of pushes once, on the next frame', async () => {
    const store = await attachWith([makeIncident('a', { seq: 3 })]);
    link.push('incident:created', makeIncident('b', { seq: 11 }));
    link.push('incident:updated', makeIncident('a', { seq: 12, alertCount: 2 }));
    link.push('incident:updated', makeIncident('a', { seq: 13, alertCount: 3 }));
    expect(ids()).toEqual(['a@3']);
    expect(frames.run()).toBe(1);
    expect(ids()).toEqual(['a@13', 'b@11']);
    expect(store.byId('a')?.alertCount).toBe(3);
    expect(frames.run()).toBe(0);
  });

  it('keeps the highest seq, drops resolved incidents and never brings them back', async () => {
    await attachWith([makeIncident('a', { seq: 5 }), makeIncident('b', { seq: 6 })]);
    link.push('incident:updated', makeIncident('a', { seq: 4, summary: 'stale' }));
    link.push('incident:updated', makeIncident('b', { seq: 20, status: 'resolved' }));
    link.push('incident:updated', makeIncident('b', { seq: 19 }));
    frames.run();
    expect(ids()).toEqual(['a@5']);
    expect(useIncidentsStore().byId('a')?.summary).toBe('Incident a');
  });

  it('resyncs on reconnect without losing or duplicating a row', async () => {
    const store = await attachWith([makeIncident('a', { seq: 5 }), makeIncident('b', { seq: 6 })]);
    link.fire({ type: 'disconnected', reason: 'transport close', willRetry: true });
    link.answer = () => undefined;
    link.fire({ type: 'connected' });
    expect(link.sent.filter((s) => s.name === 'board:subscribe')).toHaveLength(2);
    // While the snapshot is on its way: a newer version of c, and an update older than the snapshot.
    link.push('incident:updated', makeIncident('c', { seq: 31, alertCount: 9 }));
    link.push('incident:updated', makeIncident('a', { seq: 7 }));
    frames.run();
    expect(ids()).toEqual(['a@5', 'b@6']);
    // b was resolved while offline (absent), a changed, c opened.
    link.waiting.pop()!.ack(null, snapshot([makeIncident('a', { seq: 25 }), makeIncident('c', { seq: 30 })]));
    expect(ids()).toEqual(['a@25', 'c@31']);
    expect(store.byId('c')?.alertCount).toBe(9);
    expect(store.syncCount).toBe(2);
  });

  it('tells listeners about live events and resyncs', async () => {
    const store = await attachWith([]);
    const seen: LiveEvent['type'][] = [];
    store.onLive((event) => seen.push(event.type));
    link.push('timeline:appended', { id: 'e1', incidentId: 'a', at: '2026-11-28T10:00:00Z', type: 'note.added', actor: { type: 'user', id: 'ann' }, data: {} });
    link.push('page:updated', makePage('p2', 'a', { state: 'read', readAt: '2026-11-28T10:01:00Z' }));
    store.resync();
    await flushMicrotasks();
    expect(seen).toEqual(['timeline', 'page', 'resynced']);
  });

  it('shows who read their page', async () => {
    const store = await attachWith([makeIncident('a', { seq: 3 })]);
    link.push('page:updated', makePage('p1', 'a', { state: 'read', readAt: '2026-11-28T10:02:00.000Z' }));
    // A late "delivered" must not undo the read.
    link.push('page:updated', makePage('p1', 'a', { state: 'delivered' }));
    frames.run();
    expect(store.paged.get('a')).toEqual([{ userId: 'ann', state: 'read', readAt: '2026-11-28T10:02:00.000Z', error: null, failover: false }]);
  });

  it('says so when the relay refuses the board or does not answer', async () => {
    const store = useIncidentsStore();
    link.answer = () => ({ ok: false, error: { code: 'forbidden', message: 'no board for you' } });
    store.attach(link);
    await flushMicrotasks();
    expect(store.status).toBe('denied');
    expect(store.loadError).toBe('no board for you');

    link.answer = () => undefined;
    store.attach(link);
    link.waiting.pop()!.ack(new Error('operation has timed out'));
    expect(store.status).toBe('unreachable');
  });

  describe('when the snapshot fails', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());
    const subscribes = () => link.sent.filter((s) => s.name === 'board:subscribe').length;

    it('asks again, less and less often, until the relay answers', () => {
      const store = useIncidentsStore();
      store.attach(link);
      link.waiting.pop()!.ack(new Error('operation has timed out'));
      expect(store.status).toBe('unreachable');
      vi.advanceTimersByTime(RETRY_FIRST_MS - 1);
      expect(subscribes()).toBe(1);
      vi.advanceTimersByTime(1);
      expect(subscribes()).toBe(2);
      expect(store.status).toBe('unreachable');
      link.waiting.pop()!.ack(null, { ok: false, error: { code: 'unavailable', message: 'busy' } });
      vi.advanceTimersByTime(RETRY_FIRST_MS * 2 - 1);
      expect(subscribes()).toBe(2);
      vi.advanceTimersByTime(1);
      expect(subscribes()).toBe(3);
      link.waiting.pop()!.ack(null, snapshot([makeIncident('a', { seq: 3 })]));
      expect(store.status).toBe('ready');
      expect(ids()).toEqual(['a@3']);
      vi.advanceTimersByTime(60_000);
      expect(subscribes()).toBe(3);
    });

    it('does not ask again when the relay refuses the board, nor after detaching', () => {
      const store = useIncidentsStore();
      link.answer = () => ({ ok: false, error: { code: 'forbidden', message: 'no board for you' } });
      store.attach(link);
      vi.runAllTicks();
      return Promise.resolve().then(() => {
        expect(store.status).toBe('denied');
        link.answer = () => undefined;
        store.attach(link);
        link.waiting.pop()!.ack(new Error('operation has timed out'));
        store.detach();
        vi.advanceTimersByTime(60_000);
        expect(subscribes()).toBe(2);
      });
    });
  });

  it('sends commands and hands back the relay answer, refusals included', async () => {
    const store = await attachWith([makeIncident('a')]);
    link.answer = (name) => (name === 'incident:assign' ? { ok: false, error: { code: 'forbidden', message: 'assign-forensic needs the role admin or ir-manager' } } : { ok: true });
    expect(await store.acknowledge(['a'])).toEqual({ ok: true });
    expect(await store.dismiss(['a'], 'test box')).toEqual({ ok: true });
    const refused = await store.assign(['a'], 'forensic', 'cara');
    expect(refused.ok).toBe(false);
    expect(link.sent.slice(-3)).toEqual([
      { name: 'incident:acknowledge', payload: { incidentIds: ['a'] } },
      { name: 'incident:dismiss', payload: { incidentIds: ['a'], reason: 'test box' } },
      { name: 'incident:assign', payload: { incidentIds: ['a'], role: 'forensic', userId: 'cara' } },
    ]);
  });

  it('refuses commands at once while offline', async () => {
    const store = await attachWith([makeIncident('a')]);
    link.fire({ type: 'disconnected', reason: 'transport close', willRetry: true });
    const before = link.sent.length;
    const result = await store.resolve(['a']);
    expect(result.ok).toBe(false);
    expect(link.sent).toHaveLength(before);
  });

  it('forgets the board when detached', async () => {
    const store = await attachWith([makeIncident('a')]);
    store.detach();
    link.push('incident:created', makeIncident('z', { seq: 99 }));
    frames.run();
    expect(store.incidents).toEqual([]);
    expect(store.status).toBe('idle');
  });
});
