import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../shared/config/config-schema.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { exampleConfig, openExampleStore } from '../../../tests/support/example-store.js';
import { applyConfig } from '../config/apply-config.js';
import type { Store } from '../ports/store.js';
import { createClientDirectory } from './client-directory.js';
import { createClientService } from './client-service.js';

describe('clients from the config file and the console', () => {
  const clock = createManualClock(new Date('2026-11-02T14:00:00Z'));
  let store: Store;
  let cleanup: () => Promise<void>;
  let config: Config;
  const ann = { userId: 'ann', role: 'ir-manager' as const };

  beforeEach(async () => {
    config = exampleConfig();
    ({ store, cleanup } = await openExampleStore(clock, config));
  });
  afterEach(() => cleanup());

  const service = () => createClientService({ store, clock, directory: createClientDirectory({ clock }) });

  it('keeps a console edit while the file is unchanged, and lets a changed file entry win', async () => {
    expect(await service().get('acme')).toMatchObject({ name: 'Acme Corp', managedBy: 'file' });
    const acme = (await service().get('acme'))!;
    const { managedBy: _m, ...plain } = acme;
    expect(await service().update(ann, 'acme', { ...plain, notes: 'edited in the console' })).toMatchObject({ ok: true });

    const again = await applyConfig(store, config, clock);
    expect(again.clients).toEqual({ created: 0, updated: 0, unchanged: 1, deleted: 0 });
    expect(await service().get('acme')).toMatchObject({ notes: 'edited in the console', managedBy: 'console' });

    const changed: Config = { ...config, clients: [{ ...config.clients[0]!, name: 'Acme Corporation' }] };
    expect((await applyConfig(store, changed, clock)).clients).toMatchObject({ updated: 1 });
    expect(await service().get('acme')).toMatchObject({ name: 'Acme Corporation', managedBy: 'file' });
    expect((await service().get('acme'))!.notes).toBe(config.clients[0]!.notes);
  });

  it('keeps a client deleted in the console deleted while the file is unchanged', async () => {
    expect(await service().remove(ann, 'acme')).toEqual({ ok: true, value: { id: 'acme' } });
    await applyConfig(store, config, clock);
    expect(await service().get('acme')).toBeUndefined();
    expect(await service().list()).toEqual([]);
  });

  it('gives a service the file assigns to a client, taking it from a console-made client', async () => {
    const made = await service().create(ann, { id: 'globex', name: 'Globex', contacts: [], holidays: [], services: ['rmm'], processes: [] });
    expect(made).toMatchObject({ ok: true, value: { managedBy: 'console', services: ['rmm'] } });
    await applyConfig(store, { ...config, clients: [{ ...config.clients[0]!, services: ['rmm'] }] }, clock);
    expect((await service().get('globex'))!.services).toEqual([]);
    expect((await service().get('acme'))!.services).toEqual(['rmm']);
  });

  it('refuses writers without a manager role, unknown services and a service of another client', async () => {
    const body = { id: 'globex', name: 'Globex', contacts: [], holidays: [], services: [], processes: [] };
    expect(await service().create({ userId: 'bob', role: 'triage-analyst' }, body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const unknown = await service().create(ann, { ...body, processes: [{ id: 'p', name: 'P', criticality: 'critical', services: ['rmm', 'x'] }] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid', field: 'processes.0.services.1', message: 'processes.0.services.1: unknown service "x"' } });
    await service().update(ann, 'acme', { ...(await service().get('acme'))!, services: ['rmm'] });
    expect(await service().create(ann, { ...body, services: ['rmm'] })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'services.0' } });
    expect(await service().create(ann, { ...body, id: 'acme' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'id' } });
  });
});
