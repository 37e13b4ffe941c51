import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { DigestPage, DigestStep, PostmortemDigest } from '../../../shared/schemas/postmortem.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';

/** What a digest is computed from: the incidents of a post-mortem (filing one first), their timelines and pages. */
export interface DigestInput {
  incidents: readonly Incident[];
  timeline: readonly TimelineEvent[];
  pages: readonly Page[];
}

const ms = (instant: string) => Date.parse(instant);
const earliest = (instants: readonly (string | null | undefined)[]): string | null =>
  instants.filter((i): i is string => !!i).sort((a, b) => ms(a) - ms(b))[0] ?? null;
const latest = (instants: readonly string[]): string | null => [...instants].sort((a, b) => ms(b) - ms(a))[0] ?? null;
const since = (from: string, to: string | null) => (to === null ? null : Math.max(0, ms(to) - ms(from)));

/** Tells whether a page went to a failover recipient (its page key is `failover:<user>`). */
export function isFailoverPage(page: Pick<Page, 'pageKey'>): boolean {
  return page.pageKey.startsWith('failover:');
}

/**
 * Computes the post-mortem's pre-filled digest from the record: the timeline steps (first alert,
 * first page, first read, acknowledgement, escalations, failover, resolve, reopen), the times to
 * read, acknowledge and resolve from the first alert, every page with its channel and whether it was
 * read, the failed pages, the failover report and the folded alerts. A group's times are its
 * earliest; it is resolved when every incident is (at the last resolve). Pure.
 */
export function computeDigest(input: DigestInput): PostmortemDigest {
  const { incidents, timeline } = input;
  const primary = incidents[0];
  if (!primary) throw new Error('a post-mortem digest needs at least one incident');
  const events = [...timeline].sort((a, b) => ms(a.at) - ms(b.at));
  const pages = [...input.pages].sort((a, b) => ms(a.createdAt) - ms(b.createdAt) || a.id.localeCompare(b.id));

  const firstAlertAt = earliest(incidents.map((i) => i.firstSeenAt))!;
  const firstPage = pages.filter((p) => p.sentAt !== null).sort((a, b) => ms(a.sentAt!) - ms(b.sentAt!))[0];
  const firstRead = pages.filter((p) => p.readAt !== null).sort((a, b) => ms(a.readAt!) - ms(b.readAt!))[0];
  const ackEvent = events.find((e) => e.type === 'incident.acknowledged');
  const acknowledgedAt = ackEvent?.at ?? earliest(incidents.map((i) => i.acknowledgedAt));
  const resolvedAt = incidents.every((i) => i.status === 'resolved' && i.resolvedAt) ? latest(incidents.map((i) => i.resolvedAt!)) : null;

  const steps: DigestStep[] = [{ at: firstAlertAt, kind: 'first-alert', who: null, detail: primary.source ? `from ${primary.source}` : '' }];
  if (firstPage) steps.push({ at: firstPage.sentAt!, kind: 'first-page', who: firstPage.userId, detail: firstPage.channel });
  if (firstRead) steps.push({ at: firstRead.readAt!, kind: 'first-read', who: firstRead.userId, detail: firstRead.channel });
  for (const event of events) {
    const actor = event.actor.type === 'user' ? event.actor.id : null;
    if (event.type === 'incident.acknowledged') steps.push({ at: event.at, kind: 'acknowledged', who: actor, detail: '' });
    else if (event.type === 'escalation.level') steps.push({ at: event.at, kind: 'escalated', who: actor, detail: `level ${Number(event.data.to) + 1}` });
    else if (event.type === 'failover.sent') steps.push({ at: event.at, kind: 'failover', who: null, detail: `${Number(event.data.unreadPages) || 0} page(s) unread` });
    else if (event.type === 'incident.resolved') steps.push({ at: event.at, kind: 'resolved', who: actor, detail: '' });
    else if (event.type === 'incident.reopened') steps.push({ at: event.at, kind: 'reopened', who: actor, detail: '' });
  }
  // Stable: at equal times the pre-filled firsts stay before the events.
  steps.sort((a, b) => ms(a.at) - ms(b.at));

  const failoverEvent = events.find((e) => e.type === 'failover.sent');
  let failover: PostmortemDigest['failover'] = null;
  if (failoverEvent) {
    const users = Array.isArray(failoverEvent.data.users) ? failoverEvent.data.users.map(String) : [];
    const leadId = users[0] ?? null;
    const leadPages = pages.filter((p) => isFailoverPage(p) && p.userId === leadId);
    failover = { at: failoverEvent.at, leadId, readAt: earliest(leadPages.map((p) => p.readAt)) };
  }

  const opened = events.find((e) => e.type === 'incident.opened' && e.incidentId === primary.id);
  const rule = opened?.data.rule;
  const digestPages: DigestPage[] = pages.map((p) => ({
    userId: p.userId,
    channel: p.channel,
    level: p.level,
    failover: isFailoverPage(p),
    sentAt: p.sentAt,
    readAt: p.readAt,
    state: p.state,
    error: p.error,
  }));

  return {
    incidentIds: incidents.map((i) => i.id),
    priority: primary.priority,
    summary: primary.summary,
    serviceId: primary.serviceId,
    teamId: primary.teamId,
    clientId: primary.clientId ?? null,
    steps,
    firstAlertAt,
    firstPageAt: firstPage?.sentAt ?? null,
    firstReadAt: firstRead?.readAt ?? null,
    acknowledgedAt,
    resolvedAt,
    timeToReadMs: since(firstAlertAt, firstRead?.readAt ?? null),
    timeToAcknowledgeMs: since(firstAlertAt, acknowledgedAt),
    timeToResolveMs: since(firstAlertAt, resolvedAt),
    pages: digestPages,
    failedPages: pages.filter((p) => p.state === 'failed').length,
    escalations: events.filter((e) => e.type === 'escalation.level').length,
    failover,
    foldedAlerts: incidents.reduce((sum, i) => sum + Math.max(0, i.alertCount - 1), 0),
    triageVerdict: primary.triageVerdict ?? incidents.find((i) => i.triageVerdict)?.triageVerdict ?? null,
    priorityRule: typeof rule === 'string' && rule ? rule : null,
  };
}
