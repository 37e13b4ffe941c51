import { describe, expect, it } from 'vitest';
import { nextTick, ref, shallowRef } from 'vue';
import type { DeepLink } from '../../shared/ipc.js';
import type { Incident } from '../../shared/schemas/incident.js';
import { createFakeApi, createFakeHost, createFakeLink, installTestPinia } from '../testing/fake-services.js';
import { useDesktopNoticesStore } from './use-desktop-notices-store.js';

const incident = (id: string, overrides: Partial<Incident> = {}): Incident => ({
  id, serviceId: 'rmm', teamId: 'noc', dedupKey: id, status: 'triggered', priority: 'high', severity: 'critical', summary: `Summary ${id}`, source: 's',
  alertCount: 1, firstSeenAt: '2026-11-28T14:00:00.000Z', lastSeenAt: '2026-11-28T14:00:00.000Z', acknowledgedAt: null, resolvedAt: null,
  deferredUntil: null, escalation: 'running', triageVerdict: null, triageAssignee: null, forensicAssignee: null, confidential: false, links: [],
  externalRef: null, seq: 1, ...overrides,
});

describe('useDesktopNoticesStore', () => {
  it('announces each new high-priority incident once, not those of the first snapshot, and opens incidents from clicks', async () => {
    const host = createFakeHost();
    const shown: unknown[] = [];
    host.notify = (notice) => shown.push(notice);
    let deepLink: ((link: DeepLink) => void) | undefined;
    host.onDeepLink = (listener) => {
      deepLink = listener;
      return () => (deepLink = undefined);
    };
    installTestPinia({ host, api: createFakeApi(async () => { throw new Error('no'); }), openLink: () => createFakeLink(), now: () => new Date() });
    const incidents = shallowRef<readonly Incident[]>([]);
    const syncs = ref(0);
    const opened: string[] = [];
    const store = useDesktopNoticesStore();
    store.start({ incidents: () => incidents.value, syncCount: () => syncs.value, openIncident: (id) => opened.push(id) });

    incidents.value = [incident('old')];
    syncs.value = 1;
    await nextTick();
    expect(shown).toEqual([]);

    incidents.value = [incident('old'), incident('new'), incident('low', { priority: 'low' }), incident('acked', { status: 'acknowledged' })];
    await nextTick();
    incidents.value = [...incidents.value];
    await nextTick();
    expect(shown).toEqual([{ title: 'High priority incident', body: 'Summary new', incidentId: 'new' }]);

    deepLink!({ kind: 'incident', id: 'new' });
    expect(opened).toEqual(['new']);
    store.stop();
    expect(deepLink).toBeUndefined();
    incidents.value = [incident('later')];
    await nextTick();
    expect(shown).toHaveLength(1);
  });
});
