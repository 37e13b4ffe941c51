import type { Postmortem } from '../../../shared/schemas/postmortem.js';
import type { ExportNames } from '../../core/postmortem-export/export-document.js';
import type { Store } from '../ports/store.js';

/**
 * The display names a post-mortem's export shows: every person (one read of the users), and its
 * service, team and client. An id that no longer resolves is left out (the export shows the id).
 */
export async function exportNamesFor(store: Store, pm: Postmortem): Promise<ExportNames> {
  const { serviceId, teamId, clientId } = pm.digest;
  const [users, service, team, client] = await Promise.all([
    store.listUsers(),
    store.getService(serviceId),
    store.getTeam(teamId),
    clientId ? store.getClientRecord(clientId) : Promise.resolve(undefined),
  ]);
  return {
    users: Object.fromEntries(users.map((u) => [u.id, u.name])),
    services: service ? { [serviceId]: service.name } : {},
    teams: team ? { [teamId]: team.name } : {},
    clients: client && clientId ? { [clientId]: client.client.name } : {},
  };
}
