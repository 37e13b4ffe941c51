import type { Report, ReportQuery, ResponderFigures } from '../../../shared/schemas/report.js';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import type { Channel } from '../../../shared/schemas/user.js';
import { countActionItems, localDate } from './action-items.js';
import { durationStats } from './duration-stats.js';
import { figuresOf } from './figures.js';
import { daySeries, groupBy, groupByPriority, NO_CLIENT_KEY, ruleHints } from './groups.js';
import { interruptionsOf } from './interruptions.js';
import { onCallHours, responderTimeZone } from './on-call-hours.js';
import { withFirstReads, type ReportActionItemFact, type ReportIncidentFact, type ReportPageFact } from './report-facts.js';

/** The names and zones a report shows, from the config and the client directory. */
export interface ReportDirectory {
  teams: readonly { id: string; name: string; timeZone: string }[];
  services: readonly { id: string; name: string; team: string }[];
  clients: readonly { id: string; name: string }[];
  users: readonly { id: string; name: string; timeZone?: string | undefined }[];
}

/** Everything a report is computed from (the facts already narrowed to what the viewer may know). */
export interface ReportInput {
  query: ReportQuery;
  generatedAt: Date;
  incidents: readonly ReportIncidentFact[];
  pages: readonly ReportPageFact[];
  /** The action items of the post-mortems covering `incidents`. */
  actionItems: readonly ReportActionItemFact[];
  /** Every schedule; the report keeps those of the filtered team (or the service's team). */
  schedules: readonly Schedule[];
  directory: ReportDirectory;
}

const CHANNELS: readonly Channel[] = ['push', 'email', 'ntfy', 'pushover', 'webhook', 'sms', 'voice', 'slack'];

function emptyByChannel(): Record<Channel, number> {
  return { push: 0, email: 0, ntfy: 0, pushover: 0, webhook: 0, sms: 0, voice: 0, slack: 0 };
}

/** The team a report is narrowed to: the `team` filter, else the filtered service's team. */
function teamOfQuery(query: ReportQuery, directory: ReportDirectory): string | undefined {
  if (query.team !== undefined) return query.team;
  if (query.service !== undefined) return directory.services.find((s) => s.id === query.service)?.team;
  return undefined;
}

/**
 * Computes a report (pure). Figures cover the incidents first seen in [from, to); responders are
 * the people paged for them, on call in the range, or owning their post-mortems' action items (only
 * the `responder` filter's person when it is set); on-call hours come from the schedules of the
 * filtered team (all schedules without a team or service filter). Action items are overdue when
 * open with a due date before `to`'s date in the filtered team's time zone (UTC without one).
 */
export function buildReport(input: ReportInput): Report {
  const { query, directory } = input;
  const fromMs = Date.parse(query.from);
  const toMs = Date.parse(query.to);
  const incidents = withFirstReads(input.incidents, input.pages);
  const teams = new Map(directory.teams.map((t) => [t.id, t]));
  const services = new Map(directory.services.map((s) => [s.id, s.name]));
  const clients = new Map(directory.clients.map((c) => [c.id, c.name]));
  const users = new Map(directory.users.map((u) => [u.id, u]));

  const team = teamOfQuery(query, directory);
  const schedules = team === undefined ? input.schedules : input.schedules.filter((s) => s.team === team);
  const hours = onCallHours(schedules, new Date(fromMs), new Date(toMs));
  const dueBefore = localDate(toMs, (team !== undefined ? teams.get(team)?.timeZone : undefined) ?? 'UTC');

  const pagesByUser = new Map<string, ReportPageFact[]>();
  for (const page of input.pages) {
    const list = pagesByUser.get(page.userId);
    if (list) list.push(page);
    else pagesByUser.set(page.userId, [page]);
  }
  const itemsByOwner = new Map<string, ReportActionItemFact[]>();
  for (const item of input.actionItems) {
    if (item.owner === null) continue;
    const list = itemsByOwner.get(item.owner);
    if (list) list.push(item);
    else itemsByOwner.set(item.owner, [item]);
  }
  const people =
    query.responder !== undefined
      ? [query.responder]
      : [...new Set([...pagesByUser.keys(), ...[...hours].filter(([, h]) => h > 0).map(([u]) => u), ...itemsByOwner.keys()])].sort();

  const responders: ResponderFigures[] = people.map((userId) => {
    const pages = pagesByUser.get(userId) ?? [];
    const timeZone = responderTimeZone(users.get(userId), userId, input.schedules, (id) => teams.get(id)?.timeZone);
    const pagesByChannel = emptyByChannel();
    const toRead: number[] = [];
    for (const page of pages) {
      if ((CHANNELS as readonly string[]).includes(page.channel)) pagesByChannel[page.channel as Channel] += 1;
      if (page.readMs !== null) toRead.push(page.readMs - page.createdMs);
    }
    const interruptions = interruptionsOf(pages, timeZone);
    const items = countActionItems(itemsByOwner.get(userId) ?? [], dueBefore);
    return {
      userId,
      name: users.get(userId)?.name ?? userId,
      timeZone,
      pages: pages.length,
      pagesByChannel,
      pagesRead: toRead.length,
      timeToRead: durationStats(toRead),
      nightInterruptions: interruptions.night,
      weekendInterruptions: interruptions.weekend,
      onCallHours: hours.get(userId) ?? 0,
      actionItemsOpen: items.open,
      actionItemsOverdue: items.overdue,
    };
  });

  const postmortems = { due: 0, draft: 0, inReview: 0, signedOff: 0 };
  const seenPostmortems = new Set<string>();
  for (const incident of incidents) {
    if (incident.postmortemId === null || seenPostmortems.has(incident.postmortemId)) continue;
    seenPostmortems.add(incident.postmortemId);
    if (incident.postmortemState === 'due') postmortems.due += 1;
    else if (incident.postmortemState === 'draft') postmortems.draft += 1;
    else if (incident.postmortemState === 'in_review') postmortems.inReview += 1;
    else if (incident.postmortemState === 'signed_off') postmortems.signedOff += 1;
  }

  return {
    query: { ...query },
    generatedAt: input.generatedAt.toISOString(),
    totals: figuresOf(incidents),
    byTeam: groupBy(incidents, (i) => i.teamId, (key) => teams.get(key)?.name),
    byService: groupBy(incidents, (i) => i.serviceId, (key) => services.get(key)),
    byClient: groupBy(incidents, (i) => i.clientId ?? NO_CLIENT_KEY, (key) => (key === NO_CLIENT_KEY ? 'No client' : clients.get(key))),
    byPriority: groupByPriority(incidents),
    responders,
    ruleHints: ruleHints(incidents),
    days: daySeries(incidents, fromMs, toMs),
    actionItems: countActionItems(input.actionItems, dueBefore),
    postmortems,
  };
}
