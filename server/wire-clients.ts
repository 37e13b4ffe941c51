import type { FastifyInstance } from 'fastify';
import type { AffectedProcess } from '../shared/schemas/client.js';
import type { Incident } from '../shared/schemas/incident.js';
import { createClientDirectory, type ClientDirectory } from './app/clients/client-directory.js';
import { createClientService } from './app/clients/client-service.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { Store } from './app/ports/store.js';
import { registerClientRoutes } from './transport/http/routes/client-routes.js';
import type { ConsoleNamespace } from './transport/socket/create-socket-server.js';

/** What the client features need from the relay. */
export interface ClientFeatureDeps {
  app: FastifyInstance;
  console: ConsoleNamespace;
  store: Store;
  clock: Clock;
  audit?: AuditTrail;
}

/** The client features other features use: the in-memory client map, and an incident's affected processes. */
export interface ClientFeatures {
  readonly directory: ClientDirectory;
  /** The business processes an incident touches, critical first (callers check need-to-know first). */
  affectedProcesses(incident: Pick<Incident, 'serviceId' | 'clientId'>): Promise<AffectedProcess[]>;
}

/**
 * Wires the clients onto the relay (issue 13): the clients API, a `clients:changed` push to every
 * console after a client write, and the client directory ingest maps alerts with. Registers routes
 * at once (before `listen`).
 */
export function wireClientFeatures(deps: ClientFeatureDeps): ClientFeatures {
  const { app, store, clock, audit } = deps;
  const directory = createClientDirectory({ clock });
  const clients = createClientService({ store, clock, directory, audit, onChanged: () => deps.console.emit('clients:changed') });
  registerClientRoutes(app, { clients });
  return {
    directory,
    async affectedProcesses(incident) {
      return (await directory.current(store)).affectedProcesses(incident.serviceId, incident.clientId);
    },
  };
}
