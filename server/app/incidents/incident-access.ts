import type { Incident } from '../../../shared/schemas/incident.js';
import { type KnowRequester, mayKnow, redactIncident } from '../../core/access/need-to-know.js';
import { can } from '../../core/access/permissions.js';
import type { StoreSession } from '../ports/store.js';

/** The store reads need-to-know decisions are made from. */
export type AccessReads = Pick<StoreSession, 'listNeedToKnow' | 'listIncidentsKnownTo' | 'listPages'>;

/** The answer every read and command gives for an incident the person may not know: as if it did not exist. */
export const notKnown = {
  ok: false as const,
  error: { code: 'not_found' as const, message: 'no such incident', field: 'id' },
};

/** Tells whether `who` may know `incident`, reading its need-to-know list only when it is confidential. */
export async function knows(store: AccessReads, who: KnowRequester, incident: Incident): Promise<boolean> {
  if (!incident.confidential) return true;
  const list = (await store.listNeedToKnow(incident.id)).map((e) => e.userId);
  return mayKnow(incident, list, who);
}

/**
 * Tells whether `who` holds a live page (not cancelled or failed) for the incident. A person paged
 * about a confidential incident they may not know may still read and acknowledge their page and
 * escalate it, so that paging works; they see the redacted paging text only.
 */
export async function wasPaged(store: AccessReads, who: KnowRequester, incidentId: string): Promise<boolean> {
  const pages = await store.listPages(incidentId);
  return pages.some((p) => p.userId === who.userId && p.state !== 'cancelled' && p.state !== 'failed');
}

/** The ids among `incidents` that `who` may know (one list query for all the confidential ones). */
export async function knownIds(store: AccessReads, who: KnowRequester, incidents: readonly Incident[]): Promise<Set<string>> {
  const confidential = incidents.filter((i) => i.confidential);
  const listed = new Set(confidential.length ? await store.listIncidentsKnownTo(who.userId, confidential.map((i) => i.id)) : []);
  return new Set(incidents.filter((i) => mayKnow(i, listed.has(i.id) ? [who.userId] : [], who)).map((i) => i.id));
}

/** The incidents as `who` may see them: the ones they may not know redacted to their existence. */
export async function incidentsAsSeenBy(store: AccessReads, who: KnowRequester, incidents: readonly Incident[]): Promise<Incident[]> {
  const known = await knownIds(store, who, incidents);
  return incidents.map((i) => (known.has(i.id) ? i : redactIncident(i)));
}

/**
 * Tells why `who` may not escalate `incident`, or undefined when they may: escalating needs a role
 * that acts on incidents, and knowing the incident or holding a live page for it (a person paged
 * about a confidential incident may escalate it without knowing what it is). Every transport asks
 * this one function.
 */
export async function escalationRefusal(
  store: AccessReads,
  who: KnowRequester,
  incident: Incident | undefined,
): Promise<'forbidden' | 'not_found' | undefined> {
  if (!can(who.role, 'acknowledge')) return 'forbidden';
  if (!incident || !((await knows(store, who, incident)) || (await wasPaged(store, who, incident.id)))) return 'not_found';
  return undefined;
}
