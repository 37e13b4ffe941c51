import type { HeartbeatView } from '../../../shared/schemas/heartbeat.js';
import type { KnowRequester } from '../../core/access/need-to-know.js';
import { knows } from '../incidents/incident-access.js';
import type { Store } from '../ports/store.js';
import { timingOf } from './heartbeat-timing.js';

/**
 * Lists every heartbeat integration with its state, last ping and next deadline, by service name. A
 * heartbeat never pinged is `waiting`. The open incident's id is given only to a person who may
 * know that incident (need-to-know), so that the list never leads to a confidential one.
 */
export async function listHeartbeats(store: Store, who: KnowRequester): Promise<HeartbeatView[]> {
  const integrations = (await store.listIntegrations()).filter((i) => i.type === 'heartbeat');
  if (integrations.length === 0) return [];
  const [rows, services, clients] = await Promise.all([store.listHeartbeats(), store.listServices(), store.listClients()]);
  const stateOf = new Map(rows.map((r) => [r.integrationId, r]));
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const views: HeartbeatView[] = [];
  for (const integration of integrations) {
    const row = stateOf.get(integration.id);
    const timing = timingOf(integration);
    let incidentId = row?.incidentId ?? null;
    if (incidentId) {
      const incident = await store.getIncident(incidentId);
      if (!incident || !(await knows(store, who, incident))) incidentId = null;
    }
    views.push({
      id: integration.id,
      serviceId: integration.serviceId,
      serviceName: serviceName.get(integration.serviceId) ?? integration.serviceId,
      clientName: clients.find((r) => r.client.services.includes(integration.serviceId))?.client.name ?? null,
      intervalSeconds: timing.intervalSeconds,
      graceSeconds: timing.graceSeconds,
      state: row?.state ?? 'waiting',
      lastPingAt: row?.lastPingAt?.toISOString() ?? null,
      deadlineAt: row?.deadlineAt?.toISOString() ?? null,
      incidentId,
    });
  }
  return views.sort((a, b) => a.serviceName.localeCompare(b.serviceName) || a.id.localeCompare(b.id));
}
