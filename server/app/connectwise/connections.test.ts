import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../adapters/connectwise/secret-box.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { openExampleStore } from '../../../tests/support/example-store.js';
import { ConnectWiseConnectionInputSchema } from '../../../shared/schemas/connectwise.js';
import type { Store } from '../ports/store.js';
import { applyConnectWiseConfig } from './config-connections.js';
import { createConnectWiseConnections } from './connections.js';
import { credentialsOf } from './credentials.js';

const clock = createManualClock(new Date('2030-01-01T00:00:00Z'));
const actor = { userId: 'ann', address: null };
const input = (extra: Record<string, unknown> = {}) =>
  ConnectWiseConnectionInputSchema.parse({
    id: 'acme',
    site: 'https://api-na.myconnectwise.net',
    companyId: 'msp',
    clientId: 'cid',
    services: ['rmm'],
    mapping: {
      board: 'Desk',
      company: 'MSP',
      status: { new: 'New', acknowledged: 'In Progress', resolved: 'Closed' },
      priority: { high: 'P1', medium: 'P2', low: 'P3' },
    },
    ...extra,
  });

let store: Store;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ store, cleanup } = await openExampleStore(clock));
});
afterEach(async () => cleanup());

describe('ConnectWise connections', () => {
  it('without KLAXON_SECRET_KEY refuses console-set keys with a clear message; env-named keys still work', async () => {
    const connections = createConnectWiseConnections({ store, clock, box: createSecretBox(undefined), env: { PUB: 'p', PRIV: 'q' } });
    const refused = await connections.create(input({ privateKey: 'secret' }), actor);
    expect(refused).toMatchObject({ ok: false, status: 400, field: 'privateKey' });
    expect(refused.ok ? '' : refused.message).toContain('KLAXON_SECRET_KEY');
    const fromEnv = await connections.create(input({ publicKeyEnv: 'PUB', privateKeyEnv: 'PRIV' }), actor);
    expect(fromEnv).toMatchObject({ ok: true, value: { publicKey: { set: true, from: 'env' } } });
    const record = (await store.getConnectWiseConnection('acme'))!;
    expect(credentialsOf(record, createSecretBox(undefined), { PUB: 'p', PRIV: 'q' })).toMatchObject({ ok: true, credentials: { publicKey: 'p', privateKey: 'q' } });
    expect(credentialsOf(record, createSecretBox(undefined), {})).toMatchObject({ ok: false, reason: expect.stringContaining('PUB') });
  });

  it('seals console keys so another KLAXON_SECRET_KEY cannot open them', async () => {
    const box = createSecretBox(randomBytes(32));
    const connections = createConnectWiseConnections({ store, clock, box, env: {} });
    expect((await connections.create(input({ publicKey: 'pk', privateKey: 'sk' }), actor)).ok).toBe(true);
    const record = (await store.getConnectWiseConnection('acme'))!;
    expect(credentialsOf(record, box, {})).toMatchObject({ ok: true, credentials: { publicKey: 'pk', privateKey: 'sk' } });
    expect(credentialsOf(record, createSecretBox(randomBytes(32)), {})).toMatchObject({ ok: false, reason: expect.stringContaining('KLAXON_SECRET_KEY') });
  });

  it('applies the config file by the file-vs-console rule', async () => {
    const file = { ...input({ publicKeyEnv: 'PUB', privateKeyEnv: 'PRIV' }) } as Parameters<typeof applyConnectWiseConfig>[1][number];
    expect(await applyConnectWiseConfig(store, [file])).toMatchObject({ created: 1 });
    const connections = createConnectWiseConnections({ store, clock, box: createSecretBox(undefined), env: {} });
    await connections.update(input({ name: 'Edited in the console', publicKeyEnv: 'PUB', privateKeyEnv: 'PRIV' }), actor);
    // The same file entry at the next start: the console's edit stays.
    expect(await applyConnectWiseConfig(store, [file])).toMatchObject({ unchanged: 1 });
    expect((await connections.get('acme'))?.name).toBe('Edited in the console');
    // A changed file entry wins.
    expect(await applyConnectWiseConfig(store, [{ ...file, name: 'From the file' }])).toMatchObject({ updated: 1 });
    expect((await connections.get('acme'))).toMatchObject({ name: 'From the file', managedBy: 'file' });
    // Dropped from the file: removed.
    expect(await applyConnectWiseConfig(store, [])).toMatchObject({ deleted: 1 });
    expect(await connections.get('acme')).toBeUndefined();
  });
});
