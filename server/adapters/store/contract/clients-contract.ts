import { expect, it } from 'vitest';
import type { Client } from '../../../../shared/schemas/client.js';
import type { ClientRecord } from '../../../app/ports/client-store.js';
import type { ContractContext } from './context.js';
import { at, makeIncident } from './fixtures.js';

/** A client with a small business map, for the store contract. */
export function makeClient(overrides: Partial<Client> = {}): Client {
  return {
    id: 'acme',
    name: 'Acme Corp',
    connectwise: { companyId: 250, identifier: 'AcmeCorp' },
    contacts: [{ name: 'Pat Acme', email: 'pat@acme.example' }],
    timeZone: 'Europe/Berlin',
    businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' },
    holidays: ['2030-12-24'],
    services: ['rmm'],
    processes: [{ id: 'billing', name: 'Billing', criticality: 'critical', services: ['rmm'] }],
    match: { emailDomains: ['acme.example'] },
    ...overrides,
  };
}

function record(client: Client, overrides: Partial<ClientRecord> = {}): ClientRecord {
  return { client, managedBy: 'file', configDigest: 'd1', position: 0, updatedAt: at(0), deletedAt: null, ...overrides };
}

/** Clients with their business maps, the services that belong to them, and the incident's client. */
export function clientsContract(ctx: ContractContext): void {
  it('round-trips clients in list order and replaces one on save', async () => {
    await ctx.store.saveClient(record(makeClient({ id: 'globex', name: 'Globex', services: [] }), { position: 1 }));
    await ctx.store.saveClient(record(makeClient()));
    expect((await ctx.store.listClients()).map((r) => r.client.id)).toEqual(['acme', 'globex']);
    const changed = record(makeClient({ name: 'Acme Inc' }), { managedBy: 'console', updatedAt: at(60) });
    await ctx.store.saveClient(changed);
    expect(await ctx.store.getClientRecord('acme')).toEqual(changed);
    expect(await ctx.store.getClientRecord('nope')).toBeUndefined();
  });

  it('lets a service belong to one client at most, and frees it when the client is deleted', async () => {
    await ctx.store.saveClient(record(makeClient()));
    const rival = record(makeClient({ id: 'globex', services: ['rmm'] }), { position: 1 });
    await expect(ctx.store.transaction((tx) => tx.saveClient(rival))).rejects.toMatchObject({ name: 'StoreConflictError' });
    // Inside a transaction the refusal leaves the transaction usable (PostgreSQL would abort it otherwise).
    await ctx.store.transaction(async (tx) => {
      await expect(tx.saveClient(rival)).rejects.toMatchObject({ name: 'StoreConflictError' });
      await tx.saveClient(record(makeClient(), { deletedAt: at(30) }));
      await tx.saveClient(rival);
    });
    expect((await ctx.store.listClients()).map((r) => r.client.id)).toEqual(['globex']);
    expect((await ctx.store.getClientRecord('acme'))?.deletedAt).toEqual(at(30));
  });

  it('keeps the client of an incident', async () => {
    const stored = await ctx.store.insertIncident(makeIncident({ clientId: 'acme' }));
    expect(stored.clientId).toBe('acme');
    expect((await ctx.store.updateIncident(stored.id, { clientId: null }))?.clientId).toBeNull();
    const plain = await ctx.store.insertIncident(makeIncident({ dedupKey: 'other' }));
    expect(plain.clientId).toBeNull();
  });
}
