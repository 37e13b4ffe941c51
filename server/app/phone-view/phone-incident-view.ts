import { safeHref } from '../../../shared/markdown/safe-href.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { PhoneIncidentView, PhoneNote } from '../../../shared/schemas/phone-incident-view.js';
import type { User } from '../../../shared/schemas/user.js';
import { parseEscalationState } from '../../core/escalation/index.js';
import { escalationOutlook } from '../../core/phone-view/escalation-outlook.js';
import { payloadFields } from '../../core/phone-view/payload-fields.js';
import type { StoreSession } from '../ports/store.js';
import { redactIncident } from '../../core/access/need-to-know.js';
import { knows, type AccessReads } from '../incidents/incident-access.js';
import { runbookOf } from './runbook-of.js';

/** The most recent notes the view carries (the console shows the whole timeline). */
export const VIEW_NOTE_LIMIT = 50;
/** How many links of an incident the view carries. */
const LINK_LIMIT = 20;

type ViewStore = Pick<StoreSession, 'getIncident' | 'getService' | 'listAlerts' | 'listTimeline' | 'listPages' | 'listUsers' | 'getEscalation'> & AccessReads;

/**
 * Builds the phone's view of one incident for `user`, or undefined when there is no such incident.
 * Need-to-know applies as in the console (`knows`: managers and the incident's need-to-know list): a person who may not know a
 * confidential incident gets only "Confidential incident on <service>", its priority, state and
 * times — no source, fields, links, runbook, notes or pages.
 */
export async function buildPhoneIncidentView(store: ViewStore, user: Pick<User, 'id' | 'role'>, incidentId: string, now: Date): Promise<PhoneIncidentView | undefined> {
  const stored = await store.getIncident(incidentId);
  if (!stored) return undefined;
  const service = await store.getService(stored.serviceId);
  const serviceName = service?.name ?? stored.serviceId;
  const base = (incident: Incident) => ({
    id: incident.id,
    serviceId: incident.serviceId,
    serviceName,
    priority: incident.priority,
    status: incident.status,
    firstSeenAt: incident.firstSeenAt,
    lastSeenAt: incident.lastSeenAt,
    alertCount: incident.alertCount,
    now: now.toISOString(),
  });
  if (!(await knows(store, { userId: user.id, role: user.role }, stored))) {
    const redacted = redactIncident(stored);
    return {
      ...base(redacted),
      restricted: true,
      summary: `Confidential incident on ${serviceName}`,
      source: '',
      fields: [],
      fieldsCut: false,
      links: [],
      runbook: null,
      notes: [],
      paged: [],
      outlook: { kind: 'none' },
    };
  }

  const [alerts, timeline, pages, users, escalation] = await Promise.all([
    store.listAlerts(stored.id, 1),
    store.listTimeline(stored.id),
    store.listPages(stored.id),
    store.listUsers(),
    store.getEscalation(stored.id),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const latest = alerts.reduce<(typeof alerts)[number] | undefined>((a, b) => (!a || b.receivedAt > a.receivedAt ? b : a), undefined);
  const { fields, cut } = payloadFields(latest?.payload);
  const notes: PhoneNote[] = timeline
    .filter((e) => e.type === 'note.added' && typeof e.data.text === 'string')
    .slice(-VIEW_NOTE_LIMIT)
    .map((e) => ({ id: e.id, at: e.at, authorId: e.actor.id, authorName: (e.actor.id && names.get(e.actor.id)) ?? e.actor.id ?? 'Klaxon', text: String(e.data.text) }));
  const parsed = escalation ? parseEscalationState(escalation.state) : undefined;

  return {
    ...base(stored),
    restricted: false,
    summary: stored.summary,
    source: stored.source,
    fields,
    fieldsCut: cut,
    links: stored.links.slice(0, LINK_LIMIT).map((l) => ({ text: l.text || l.href, href: safeHref(l.href) })),
    runbook: runbookOf(service?.runbook),
    notes,
    paged: pages.map((p) => ({
      pageId: p.id,
      userId: p.userId,
      name: names.get(p.userId) ?? p.userId,
      channel: p.channel,
      state: p.state,
      level: p.level,
      createdAt: p.createdAt,
      sentAt: p.sentAt,
      deliveredAt: p.deliveredAt,
      readAt: p.readAt,
      error: p.error,
    })),
    outlook: escalationOutlook(stored, escalation && parsed?.ok ? { policy: escalation.policy, state: parsed.state } : undefined),
  };
}
