import type { AffectedProcess, Client, Criticality } from '../../../shared/schemas/client.js';
import { type AlertOrigin, compileClientMatch, type ClientMatcher } from './alert-client.js';

/** Criticalities from the most to the least important, the order affected processes are listed in. */
export const CRITICALITY_ORDER: readonly Criticality[] = ['critical', 'important', 'routine'];

/** The clients and their business maps, indexed once for the ingest hot path and the incident detail. */
export interface ClientMap {
  /** Every client, in list order. */
  readonly clients: readonly Client[];
  get(clientId: string): Client | undefined;
  /** The client a service belongs to, if any. */
  ownerOf(serviceId: string): Client | undefined;
  /**
   * The client of an alert: its service's client first; otherwise the first client, in list order,
   * whose match rules hold (see `compileClientMatch`); undefined when none.
   */
  clientFor(origin: AlertOrigin): Client | undefined;
  /**
   * The processes an incident on `serviceId` touches (those depending on the service), critical
   * first: only its client's when `clientId` is given, else every client's.
   */
  affectedProcesses(serviceId: string, clientId: string | null | undefined): AffectedProcess[];
  /** The distinct criticalities of the processes `affectedProcesses` answers, most important first. */
  criticalitiesOf(serviceId: string, clientId: string | null | undefined): Criticality[];
}

const rank = (c: Criticality) => CRITICALITY_ORDER.indexOf(c);

/** Indexes clients (in list order) into a `ClientMap`; their match patterns compile here, once. */
export function createClientMap(clients: readonly Client[]): ClientMap {
  const byId = new Map(clients.map((c) => [c.id, c]));
  const owners = new Map<string, Client>();
  for (const client of clients) for (const serviceId of client.services) if (!owners.has(serviceId)) owners.set(serviceId, client);
  const matchers: { client: Client; match: ClientMatcher }[] = clients.map((client) => ({ client, match: compileClientMatch(client) }));
  const processes = new Map<string, AffectedProcess[]>();
  for (const client of clients) {
    for (const process of client.processes) {
      for (const serviceId of new Set(process.services)) {
        const list = processes.get(serviceId) ?? [];
        list.push({ clientId: client.id, processId: process.id, name: process.name, criticality: process.criticality });
        processes.set(serviceId, list);
      }
    }
  }
  for (const list of processes.values()) {
    list.sort((a, b) => rank(a.criticality) - rank(b.criticality) || a.clientId.localeCompare(b.clientId) || a.name.localeCompare(b.name));
  }
  const affected = (serviceId: string, clientId: string | null | undefined) => {
    const all = processes.get(serviceId) ?? [];
    return clientId ? all.filter((p) => p.clientId === clientId) : all;
  };
  return {
    clients,
    get: (id) => byId.get(id),
    ownerOf: (serviceId) => owners.get(serviceId),
    clientFor: (origin) => owners.get(origin.serviceId) ?? matchers.find(({ match }) => match(origin))?.client,
    affectedProcesses: (serviceId, clientId) => affected(serviceId, clientId).map((p) => ({ ...p })),
    criticalitiesOf: (serviceId, clientId) =>
      CRITICALITY_ORDER.filter((c) => affected(serviceId, clientId).some((p) => p.criticality === c)),
  };
}
