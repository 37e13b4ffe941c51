import type { ConnectWiseConnectionConfig } from '../../../shared/schemas/connectwise.js';

/**
 * The connection an incident's ticket goes through: the one that names its service, else the one
 * that names its client, else none (the incident is not synced).
 */
export function connectionFor<C extends { connection: ConnectWiseConnectionConfig }>(
  connections: readonly C[],
  incident: { serviceId: string; clientId?: string | null },
): C | undefined {
  const byService = connections.find((c) => c.connection.services.includes(incident.serviceId));
  if (byService) return byService;
  const clientId = incident.clientId;
  return clientId ? connections.find((c) => c.connection.clients.includes(clientId)) : undefined;
}
