import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import { PolicySchema, type Policy } from '../../shared/schemas/policy.js';
import type { PolicyPreview } from '../../shared/schemas/policy-preview.js';
import type { User } from '../../shared/schemas/user.js';
import { ServicesKey } from '../services/services.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createFakeApi, createFakeHost, createFakeLink } from '../testing/fake-services.js';
import { PolicyApiError, type PolicyApi, type PolicyView } from './policy-api.js';
import { PolicyApiKey, usePolicyEditorStore } from './use-policy-editor-store.js';

const noc: PolicyView = {
  ...PolicySchema.parse({ id: 'noc-default', name: 'NOC default', levels: [{ delay: '5m', targets: [{ user: 'ann' }] }] }),
  managedByConfig: true,
  configSource: 'file' as const,
};

function fakeApi(): PolicyApi & { saved: unknown[]; previews: { policy: Policy; timeZone: string }[] } {
  const api = {
    saved: [] as unknown[],
    previews: [] as { policy: Policy; timeZone: string }[],
    list: async () => [noc],
    directory: async () => ({ users: [{ id: 'ann', name: 'Ann', role: 'ir-manager' }], schedules: [], teams: [] }),
    async save(_auth: unknown, policy: unknown) {
      api.saved.push(policy);
      const parsed = PolicySchema.parse(policy);
      if (parsed.levels.some((l) => l.targets.some((t) => 'user' in t && t.user === 'zed'))) {
        throw new PolicyApiError(400, 'levels.0.targets.0.user: unknown user "zed"', 'levels.0.targets.0.user');
      }
      return { ...parsed, managedByConfig: false, configSource: 'console' as const };
    },
    async preview(_auth: unknown, policy: Policy, timeZone: string): Promise<PolicyPreview> {
      api.previews.push({ policy, timeZone });
      return { policyId: policy.id, at: '2026-11-28T14:00:00.000Z', timeZone, repeatNote: '', steps: [{ at: '2026-11-28T14:00:00.000Z', kind: 'page', level: 0, loop: 0, userIds: ['ann'], text: '09:00 level 1 pages Ann' }] };
    },
  };
  return api;
}

function setup(role: User['role']) {
  const api = fakeApi();
  const pinia = createPinia();
  createApp({})
    .provide(ServicesKey, { host: createFakeHost(), api: createFakeApi(async () => { throw new Error('no'); }), openLink: () => createFakeLink(), now: () => new Date() })
    .provide(PolicyApiKey, api)
    .use(pinia);
  setActivePinia(pinia);
  const session = useSessionStore();
  session.$patch({ relayUrl: 'http://relay', token: 'tok', user: { id: 'ann', name: 'Ann', email: 'ann@example.com', role, notify: [] } });
  return { api, store: usePolicyEditorStore() };
}

describe('usePolicyEditorStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the policies and edits the first one', async () => {
    const { store } = setup('ir-manager');
    await store.load();
    expect(store.selected?.managedByConfig).toBe(true);
    expect(store.draft.levels).toEqual([{ delay: '5m', targets: [{ kind: 'user', id: 'ann' }] }]);
    expect(store.canEdit).toBe(true);
  });

  it('previews only a draft the shared schema accepts', async () => {
    const { store, api } = setup('responder');
    await store.load();
    store.draft.levels[0]!.delay = 'later';
    await store.refreshPreview('Europe/London');
    expect(api.previews).toEqual([]);
    expect(store.errors).toHaveProperty(['levels.0.delay']);
    store.draft.levels[0]!.delay = '10m';
    await store.refreshPreview('Europe/London');
    expect(api.previews[0]).toMatchObject({ timeZone: 'Europe/London', policy: { levels: [{ delay: 600 }] } });
    expect(store.preview?.steps[0]?.text).toBe('09:00 level 1 pages Ann');
    expect(store.errors).toEqual({});
  });

  it('creates a policy as a manager and shows the relay\'s field error', async () => {
    const { store, api } = setup('ir-manager');
    await store.load();
    store.startNew();
    Object.assign(store.draft, { id: 'db', name: 'Databases' });
    store.draft.levels[0]!.targets[0]!.id = 'zed';
    expect(await store.save()).toBe(false);
    expect(store.errors).toEqual({ 'levels.0.targets.0.user': 'levels.0.targets.0.user: unknown user "zed"' });
    store.draft.levels[0]!.targets[0]!.id = 'ann';
    expect(await store.save()).toBe(true);
    expect(api.saved.at(-1)).toMatchObject({ id: 'db', levels: [{ delay: '5m', targets: [{ user: 'ann' }] }] });
    expect(store.policies.map((p) => p.id)).toEqual(['db', 'noc-default']);
    expect(store.mode).toBe('update');
  });

  it('refuses to save for people who may not change policies', async () => {
    const { store, api } = setup('triage-analyst');
    await store.load();
    expect(store.canEdit).toBe(false);
    expect(await store.save()).toBe(false);
    expect(api.saved).toEqual([]);
  });
});
