import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../shared/config/config-schema.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { createStore } from '../../adapters/store/create-store.js';
import { createAccounts } from '../accounts/accounts.js';
import { verifyPassword } from '../accounts/password.js';
import type { Store } from '../ports/store.js';
import { applyConfig, type ApplyReport } from './apply-config.js';
import { hashIntegrationKey } from './integration-key.js';
import { loadConfigFile } from './load-config-file.js';

const EXAMPLE = fileURLToPath(new URL('../../../shared/config/klaxon.example.yaml', import.meta.url));

let dir: string;
let store: Store;
const clock = createManualClock(new Date('2026-11-02T14:00:00Z'));

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'klaxon-apply-'));
  store = await createStore(path.join(dir, 'klaxon.db'));
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const counts = (report: ApplyReport, field: keyof ApplyReport['users']) =>
  Object.fromEntries(Object.entries(report).map(([kind, c]) => [kind, c[field]]));

describe('applyConfig', () => {
  it('creates everything from the example file, with hashed passwords and key hashes', async () => {
    const config = await loadConfigFile(EXAMPLE);
    const report = await applyConfig(store, config, clock);
    expect(counts(report, 'created')).toEqual({ users: 4, teams: 1, schedules: 1, policies: 1, services: 1, integrations: 7, clients: 1 });

    const ann = await store.getUser('ann');
    expect(ann?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('change-me-ann', ann!.passwordHash!)).toBe(true);
    expect(await store.getPolicy('noc-default')).toMatchObject({ stopOn: 'read', repeat: 1 });
    const integration = await store.findIntegrationByKeyHash(hashIntegrationKey('0123456789abcdef0123456789abcdef'));
    expect(integration).toMatchObject({ id: 'rmm:events-v2:0', serviceId: 'rmm', type: 'events-v2' });
    const webhook = (await store.listIntegrations('rmm')).find((i) => i.type === 'webhook');
    expect(webhook?.settings).toEqual({ mapping: { summary: '$.title', severity: '$.level', dedupKey: '$.id' } });
    expect(JSON.stringify(await store.readConfigRecords())).not.toContain('wh-rmm-1');
  });

  it('changes nothing when the same config is applied again', async () => {
    const config = await loadConfigFile(EXAMPLE);
    await applyConfig(store, config, clock);
    const before = await store.readConfigRecords();
    const again = await applyConfig(store, await loadConfigFile(EXAMPLE), clock);
    expect(counts(again, 'unchanged')).toEqual({ users: 4, teams: 1, schedules: 1, policies: 1, services: 1, integrations: 7, clients: 1 });
    expect([...Object.values(again)].every((c) => c.created === 0 && c.updated === 0 && c.deleted === 0)).toBe(true);
    expect(await store.readConfigRecords()).toEqual(before);
  });

  it('keeps notification rules edited at run time until the file changes them', async () => {
    await applyConfig(store, await loadConfigFile(EXAMPLE), clock);
    const bob = (await store.getUser('bob'))!;
    await store.upsertUser({ ...bob, notify: [{ channel: 'push', after: 0 }, { channel: 'ntfy', after: 60 }] });
    await applyConfig(store, await loadConfigFile(EXAMPLE), clock);
    expect((await store.getUser('bob'))!.notify).toEqual([{ channel: 'push', after: 0 }, { channel: 'ntfy', after: 60 }]);

    const changed = await loadConfigFile(EXAMPLE);
    changed.users.find((u) => u.id === 'bob')!.notify = [{ channel: 'email', after: 0 }];
    await applyConfig(store, changed, clock);
    expect((await store.getUser('bob'))!.notify).toEqual([{ channel: 'email', after: 0 }]);
  });

  it('keeps a key rotated through the API while the file still declares the old key', async () => {
    await applyConfig(store, await loadConfigFile(EXAMPLE), clock);
    await store.setIntegrationKeyHash('rmm:events-v2:0', hashIntegrationKey('rotated-key-123456'));
    await applyConfig(store, await loadConfigFile(EXAMPLE), clock);
    expect(await store.findIntegrationByKeyHash(hashIntegrationKey('0123456789abcdef0123456789abcdef'))).toBeUndefined();
    expect(await store.findIntegrationByKeyHash(hashIntegrationKey('rotated-key-123456'))).toMatchObject({ id: 'rmm:events-v2:0' });

    const changed = await loadConfigFile(EXAMPLE);
    changed.services[0]!.integrations[0]!.key = 'a-new-key-from-the-file';
    await applyConfig(store, changed, clock);
    expect(await store.findIntegrationByKeyHash(hashIntegrationKey('a-new-key-from-the-file'))).toMatchObject({ id: 'rmm:events-v2:0' });
    expect(await store.findIntegrationByKeyHash(hashIntegrationKey('rotated-key-123456'))).toBeUndefined();
  });

  it('updates a changed password, keeps the others, and signs the user out', async () => {
    const config = await loadConfigFile(EXAMPLE);
    await applyConfig(store, config, clock);
    const accounts = createAccounts({ store, clock, tokenTtlSeconds: 3600 });
    const session = await accounts.login({ username: 'ann', password: 'change-me-ann' });
    const bobHash = (await store.getUser('bob'))?.passwordHash;

    const changed: Config = {
      ...config,
      users: config.users.map((u) => (u.id === 'ann' ? { ...u, password: 'a-new-password' } : u)),
    };
    const report = await applyConfig(store, changed, clock);
    expect(report.users).toEqual({ created: 0, updated: 1, unchanged: 3, deleted: 0 });
    expect(await accounts.login({ username: 'ann', password: 'a-new-password' })).toBeDefined();
    expect(await accounts.login({ username: 'ann', password: 'change-me-ann' })).toBeUndefined();
    expect(await accounts.authenticate(session!.token)).toBeUndefined();
    expect((await store.getUser('bob'))?.passwordHash).toBe(bobHash);
  });

  it('takes a passwordHash as it is and keeps a stored hash when the file gives no password', async () => {
    const config = await loadConfigFile(EXAMPLE);
    await applyConfig(store, config, clock);
    const annHash = (await store.getUser('ann'))!.passwordHash!;
    const withHash: Config = {
      ...config,
      users: config.users.map((u) => (u.id === 'bob' ? { ...u, password: undefined, passwordHash: annHash } : u.id === 'ann' ? { ...u, password: undefined } : u)),
    };
    const report = await applyConfig(store, withHash, clock);
    expect(report.users).toEqual({ created: 0, updated: 1, unchanged: 3, deleted: 0 });
    expect((await store.getUser('bob'))?.passwordHash).toBe(annHash);
    expect((await store.getUser('ann'))?.passwordHash).toBe(annHash);
  });

  it('deletes integrations a declared service no longer lists and rotates changed keys', async () => {
    const config = await loadConfigFile(EXAMPLE);
    await applyConfig(store, config, clock);
    const service = config.services[0]!;
    const trimmed: Config = {
      ...config,
      services: [
        {
          ...service,
          integrations: service.integrations
            .filter((i) => i.type !== 'grafana' && i.type !== 'email')
            .map((i) => (i.type === 'alertmanager' ? { ...i, key: 'am-rmm-2' } : i)),
        },
      ],
    };
    const report = await applyConfig(store, trimmed, clock);
    expect(report.integrations).toEqual({ created: 0, updated: 1, unchanged: 4, deleted: 2 });
    expect((await store.listIntegrations('rmm')).map((i) => i.id).sort()).toEqual([
      'rmm:alertmanager:0',
      'rmm:connectwise:0',
      'rmm:events-v2:0',
      'rmm:heartbeat:0',
      'rmm:webhook:0',
    ]);
    expect(await store.findIntegrationByKeyHash(hashIntegrationKey('am-rmm-1'))).toBeUndefined();
    expect((await store.findIntegrationByKeyHash(hashIntegrationKey('am-rmm-2')))?.id).toBe('rmm:alertmanager:0');
  });

  it('writes nothing when any write fails', async () => {
    const config = await loadConfigFile(EXAMPLE);
    const failing = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
        return (fn: Parameters<Store['transaction']>[0]) =>
          target.transaction((tx) =>
            fn(
              new Proxy(tx, {
                get(inner, name, r) {
                  if (name === 'upsertService') return async () => Promise.reject(new Error('disk full'));
                  return Reflect.get(inner, name, r);
                },
              }),
            ),
          );
      },
    });
    await expect(applyConfig(failing, config, clock)).rejects.toThrow('disk full');
    expect(await store.countUsers()).toBe(0);
    expect(await store.listTeams()).toEqual([]);
  });
});
