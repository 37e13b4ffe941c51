import type { Alert } from '../../../shared/schemas/alert.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { Priority, Severity } from '../../../shared/schemas/priority.js';
import type { Actor, TimelineEvent, TimelineEventType } from '../../../shared/schemas/timeline.js';
import type { IncidentDraft } from '../ports/store.js';
import { between, pick, type Random } from './seeded-random.js';

/** One back-dated incident of the demo history, with what the store keeps of it. */
export interface HistoryIncident {
  incident: IncidentDraft;
  alerts: Alert[];
  pages: Page[];
  timeline: TimelineEvent[];
}

/** What the history is made of: kinds of alert, and the client each is about (null: the MSP's own). */
const KINDS: readonly { key: string; summary: string; source: string; severity: Severity; clientId: string | null }[] = [
  { key: 'exch01-queue', summary: 'EXCH01: mail queue above 500 messages', source: 'prtg', severity: 'error', clientId: 'globex' },
  { key: 'fw-wan1', summary: 'Client Acme: firewall WAN1 down', source: 'meraki', severity: 'critical', clientId: 'acme' },
  { key: 'dc01-cpu', summary: 'DC01: CPU above 95% for 10 minutes', source: 'zabbix', severity: 'error', clientId: null },
  { key: 'sql02-login', summary: 'SQL02: 40 failed logins for sa in 5 minutes', source: 'wazuh', severity: 'error', clientId: 'globex' },
  { key: 'fs01-disk-d', summary: 'FS01: disk D: 96% full', source: 'ninja-rmm', severity: 'warning', clientId: null },
  { key: 'veeam-nightly', summary: 'Veeam: backup job NIGHTLY failed on HV02', source: 'veeam', severity: 'warning', clientId: 'acme' },
  { key: 'vpn-tunnel', summary: 'Globex: site-to-site VPN tunnel to depot flapping', source: 'meraki', severity: 'critical', clientId: 'globex' },
  { key: 'ups-battery', summary: 'UPS-2: on battery, 18 minutes left', source: 'prtg', severity: 'error', clientId: 'acme' },
];

/** Who the demo's on-call rotation puts first, and who is paged at level 2. */
const FIRST_RESPONDERS = ['bob', 'cara', 'dan'] as const;
const SECOND_LEVEL = 'ann';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The priority the demo service's rules give a severity (critical/error → high, else low). */
function priorityOf(severity: Severity): Priority {
  return severity === 'critical' || severity === 'error' ? 'high' : 'low';
}

/** A UUID-shaped id from `random`, so a seeded history has the same ids every time. */
function idFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
 * Plans `days` days of resolved incidents before `now` (5 to 9 a day, all resolved by now) across the demo
 * clients: each paged to a first responder's phone, read and acknowledged after human-like delays,
 * some escalated to Ann at level 2 because nobody read them, some dismissed as false positives, all
 * resolved. The people's steps are marked simulated on the timeline. Pure: the same `now` and random
 * sequence give the same history, with the same ids.
 */
export function planDemoHistory(now: Date, random: Random, days = 7): HistoryIncident[] {
  const planned: HistoryIncident[] = [];
  for (let day = days; day >= 1; day--) {
    const count = between(random, 5, 9);
    for (let n = 0; n < count; n++) {
      const start = now.getTime() - day * DAY + between(random, 0, DAY / MINUTE - 240) * MINUTE;
      planned.push(planOne(new Date(start), random));
    }
  }
  return planned.sort((a, b) => a.incident.firstSeenAt.localeCompare(b.incident.firstSeenAt));
}

function planOne(opened: Date, random: Random): HistoryIncident {
  const kind = pick(random, KINDS);
  const id = idFrom(random);
  const t = (offsetMs: number) => new Date(opened.getTime() + offsetMs).toISOString();
  const events: TimelineEvent[] = [];
  const event = (at: string, type: TimelineEventType, actor: Actor, data: Record<string, unknown> = {}) =>
    events.push({ id: idFrom(random), incidentId: id, at, type, actor, data });
  const person = (userId: string): Actor => ({ type: 'user', id: userId });
  const system: Actor = { type: 'system', id: null };
  const pages: Page[] = [];
  const page = (userId: string, level: number, sentMs: number, readMs: number | null): void => {
    const pageId = idFrom(random);
    pages.push({
      id: pageId, incidentId: id, pageKey: `${level}:0:${userId}`, userId, channel: 'push', state: readMs === null ? 'cancelled' : 'read',
      level, attempts: 1, createdAt: t(sentMs), sentAt: t(sentMs), deliveredAt: t(sentMs + 2_000), readAt: readMs === null ? null : t(readMs), error: null,
    });
    event(t(sentMs), 'page.queued', system, { userId, level, loop: 0 });
    event(t(sentMs), 'page.sent', system, { pageId, channel: 'push', userId, level });
    if (readMs !== null) event(t(readMs), 'page.read', person(userId), { pageId, channel: 'push', level, simulated: true });
  };

  event(t(0), 'incident.opened', { type: 'source', id: kind.source }, { summary: kind.summary });
  event(t(0), 'escalation.started', system, { policy: 'noc-default', run: 0 });
  const first = pick(random, FIRST_RESPONDERS);
  const escalated = random() < 0.18;
  let reader = first;
  let readMs: number;
  if (escalated) {
    page(first, 0, 1_000, null);
    event(t(5 * MINUTE), 'escalation.level', system, { from: 0, to: 1, loop: 0, reason: 'timeout' });
    readMs = 5 * MINUTE + between(random, 20, 180) * 1000;
    page(SECOND_LEVEL, 1, 5 * MINUTE, readMs);
    reader = SECOND_LEVEL as typeof first;
  } else {
    readMs = between(random, 20, 270) * 1000;
    page(first, 0, 1_000, readMs);
  }
  event(t(readMs), 'escalation.stopped', system, { reason: 'read', by: reader });
  const ackMs = readMs + between(random, 30, 420) * 1000;
  event(t(ackMs), 'incident.acknowledged', person(reader), { simulated: true });
  const falsePositive = random() < 0.12;
  const resolveMs = ackMs + between(random, 8, 180) * MINUTE;
  if (falsePositive) {
    event(t(resolveMs), 'triage.verdict', person('bob'), { verdict: 'false_positive', reason: 'expected behaviour (maintenance job)', simulated: true });
  }
  event(t(resolveMs), 'incident.resolved', person(falsePositive ? 'bob' : reader), { simulated: true });

  const priority = priorityOf(kind.severity);
  const incident: IncidentDraft = {
    id, serviceId: 'rmm', teamId: 'noc', dedupKey: `demo-history-${kind.key}-${id.slice(0, 8)}`, status: 'resolved', priority, severity: kind.severity,
    summary: kind.summary, source: kind.source, alertCount: 1, firstSeenAt: t(0), lastSeenAt: t(0), acknowledgedAt: t(ackMs), resolvedAt: t(resolveMs),
    deferredUntil: null, escalation: 'stopped', triageVerdict: falsePositive ? 'false_positive' : 'confirmed', triageAssignee: falsePositive ? 'bob' : null,
    forensicAssignee: null, confidential: false, links: [], externalRef: null, clientId: kind.clientId, suppressedBy: null, snoozedUntil: null, intelMatches: 0, historyHint: null,
  };
  const alert: Alert = {
    id: idFrom(random), incidentId: id, serviceId: 'rmm', integrationType: 'events-v2', action: 'trigger', dedupKey: incident.dedupKey,
    summary: kind.summary, severity: kind.severity, source: kind.source, receivedAt: t(0), payload: { demo: true },
  };
  return { incident, alerts: [alert], pages, timeline: events.sort((a, b) => a.at.localeCompare(b.at)) };
}
