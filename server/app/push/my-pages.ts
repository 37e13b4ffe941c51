import type { IncidentStatus } from '../../../shared/schemas/incident.js';
import type { PagePush, PageState } from '../../../shared/schemas/page.js';
import { pagedIncident } from '../../core/access/need-to-know.js';
import type { StoreSession } from '../ports/store.js';

/** One of my pages as the phone app lists it: the push it rang with, its state and its incident's status. */
export interface MyPage extends PagePush {
  state: PageState;
  incidentStatus: IncidentStatus;
}

/**
 * The phone app's list: a person's phone pages of incidents that are still open (read or not),
 * newest first. Cancelled and failed deliveries are left out; they never rang. A confidential
 * incident's page shows the redacted paging text, as it rang; its details are in the console, for the
 * people on its need-to-know list.
 */
export async function listMyOpenPages(
  store: Pick<StoreSession, 'listOpenIncidents' | 'listPages' | 'getService'>,
  userId: string,
): Promise<MyPage[]> {
  const mine: MyPage[] = [];
  const names = new Map<string, string>();
  for (const incident of await store.listOpenIncidents()) {
    const pages = (await store.listPages(incident.id)).filter(
      (p) => p.userId === userId && p.channel === 'push' && p.state !== 'cancelled' && p.state !== 'failed',
    );
    if (!pages.length) continue;
    if (!names.has(incident.serviceId)) names.set(incident.serviceId, (await store.getService(incident.serviceId))?.name ?? incident.serviceId);
    for (const page of pages) {
      mine.push({
        id: page.id,
        incidentId: incident.id,
        summary: pagedIncident(incident, names.get(incident.serviceId)!).summary,
        priority: incident.priority,
        serviceName: names.get(incident.serviceId)!,
        createdAt: page.createdAt,
        attempt: Math.max(1, page.attempts),
        state: page.state,
        incidentStatus: incident.status,
      });
    }
  }
  return mine.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
