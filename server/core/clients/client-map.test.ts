import { describe, expect, it } from 'vitest';
import type { AlertInput } from '../../../shared/schemas/alert.js';
import { type Client, ClientSchema } from '../../../shared/schemas/client.js';
import type { IntegrationType } from '../../../shared/schemas/service.js';
import { type AlertOrigin, createClientMap } from './index.js';

const client = (input: Partial<Client> & { id: string }): Client => ClientSchema.parse({ name: input.id, ...input });

const origin = (over: { serviceId?: string; integrationType?: IntegrationType; alert?: Partial<AlertInput> } = {}): AlertOrigin => ({
  serviceId: over.serviceId ?? 'rmm',
  integrationType: over.integrationType ?? 'events-v2',
  alert: { labels: {}, source: 'srv1', payload: {}, ...over.alert },
});

const acme = client({
  id: 'acme',
  services: ['acme-erp'],
  connectwise: { companyId: 250, identifier: 'AcmeCorp' },
  processes: [
    { id: 'intranet', name: 'Intranet', criticality: 'routine', services: ['rmm'] },
    { id: 'billing', name: 'Billing', criticality: 'critical', services: ['acme-erp', 'rmm'] },
  ],
  match: { emailDomains: ['acme.example'], labels: { group: '(?i)^acme$' } },
});
const globex = client({
  id: 'globex',
  processes: [{ id: 'dispatch', name: 'Dispatch', criticality: 'important', services: ['rmm'] }],
  match: { connectwiseCompanies: ['Globex'], labels: { group: 'globex', env: '^prod$' } },
});
const catchAllLabels = client({ id: 'zeta', match: { labels: { group: '.' } } });

describe('the client map', () => {
  const map = createClientMap([acme, globex, catchAllLabels]);

  it("maps an alert on a client's service to that client before any match rule", () => {
    expect(map.clientFor(origin({ serviceId: 'acme-erp', alert: { labels: { group: 'globex', env: 'prod' } } }))?.id).toBe('acme');
    expect(map.ownerOf('acme-erp')?.id).toBe('acme');
    expect(map.ownerOf('rmm')).toBeUndefined();
  });

  it('maps by labels: every label pattern must hold, and the first client in list order wins', () => {
    expect(map.clientFor(origin({ alert: { labels: { group: 'ACME' } } }))?.id).toBe('acme');
    expect(map.clientFor(origin({ alert: { labels: { group: 'globex', env: 'prod' } } }))?.id).toBe('globex');
    // Globex needs env=prod too; the catch-all client after it takes the alert instead.
    expect(map.clientFor(origin({ alert: { labels: { group: 'globex', env: 'test' } } }))?.id).toBe('zeta');
    expect(map.clientFor(origin({ alert: { labels: { other: 'acme' } } }))).toBeUndefined();
  });

  it('maps by ConnectWise company: label, ticket company identifier or id, never the callback CompanyId', () => {
    expect(map.clientFor(origin({ alert: { labels: { company: 'globex' } } }))?.id).toBe('globex');
    expect(map.clientFor(origin({ alert: { labels: { client: 'acmecorp' } } }))?.id).toBe('acme');
    const callback = (payload: unknown) => origin({ integrationType: 'connectwise', alert: { payload } });
    // CompanyId names the MSP's own ConnectWise login company, not the customer the ticket is for.
    expect(map.clientFor(callback({ CompanyId: 'GLOBEX' }))).toBeUndefined();
    expect(map.clientFor(callback({ CompanyId: 'msp', Entity: { company: { identifier: 'AcmeCorp' } } }))?.id).toBe('acme');
    expect(map.clientFor(callback({ CompanyId: 'msp', Entity: { company: { id: 250, identifier: 'Renamed' } } }))?.id).toBe('acme');
    expect(map.clientFor(callback({ CompanyId: 'msp', Entity: { company: { id: 7, identifier: 'Other' } } }))).toBeUndefined();
    // A CompanyId in a payload that did not come from ConnectWise means nothing.
    expect(map.clientFor(origin({ alert: { payload: { CompanyId: 'Globex' } } }))).toBeUndefined();
  });

  it("maps an e-mail alert by its sender's domain or a subdomain, not by look-alikes", () => {
    const mail = (source: string) => origin({ integrationType: 'email', alert: { source } });
    expect(map.clientFor(mail('alerts@acme.example'))?.id).toBe('acme');
    expect(map.clientFor(mail('nas@it.ACME.example'))?.id).toBe('acme');
    expect(map.clientFor(mail('x@notacme.example'))).toBeUndefined();
    // The same text as the source of another integration is no sender.
    expect(map.clientFor(origin({ alert: { source: 'alerts@acme.example' } }))).toBeUndefined();
  });

  it('lists affected processes critical first, across clients or only for the incident’s client', () => {
    expect(map.affectedProcesses('rmm', null)).toEqual([
      { clientId: 'acme', processId: 'billing', name: 'Billing', criticality: 'critical' },
      { clientId: 'globex', processId: 'dispatch', name: 'Dispatch', criticality: 'important' },
      { clientId: 'acme', processId: 'intranet', name: 'Intranet', criticality: 'routine' },
    ]);
    expect(map.affectedProcesses('rmm', 'globex').map((p) => p.processId)).toEqual(['dispatch']);
    expect(map.affectedProcesses('acme-erp', 'acme').map((p) => p.processId)).toEqual(['billing']);
    expect(map.affectedProcesses('nothing', null)).toEqual([]);
  });

  it('answers the criticalities of the processes that depend on a service', () => {
    expect(map.criticalitiesOf('rmm', null)).toEqual(['critical', 'important', 'routine']);
    expect(map.criticalitiesOf('rmm', 'globex')).toEqual(['important']);
    expect(map.criticalitiesOf('db', null)).toEqual([]);
  });

  it('matches nothing for a client without conditions', () => {
    const bare = createClientMap([client({ id: 'bare', match: { labels: {} } })]);
    expect(bare.clientFor(origin({ alert: { labels: { group: 'x' } } }))).toBeUndefined();
  });
});
