import type { Incident } from '../../../shared/schemas/incident.js';
import { boardState } from '../../../shared/schemas/incident.js';
import { integerFlag, stringFlag } from '../args.js';
import { emit, type Command } from '../command.js';
import { usageError } from '../exit-codes.js';
import { clip, relativeTime, table } from '../format.js';
import { connect } from '../session.js';

const STATUSES = ['open', 'triggered', 'acknowledged', 'resolved', 'any'] as const;
type StatusFilter = (typeof STATUSES)[number];

/** The most incidents the relay answers in one list. */
const RELAY_MAX = 1000;

/** True when `incident` mentions `q` (case-insensitive) in its id, summary, source, service or dedup key. */
export function matchesText(incident: Incident, q: string): boolean {
  const needle = q.toLowerCase();
  return [incident.id, incident.summary, incident.source, incident.serviceId, incident.dedupKey].some((text) => text.toLowerCase().includes(needle));
}

/** The board lines of `incidents`, newest first. */
export function incidentTable(incidents: readonly Incident[], now: Date): string {
  if (incidents.length === 0) return 'No incidents.';
  const rows = incidents.map((i) => [
    i.id,
    boardState(i),
    i.priority,
    i.serviceId,
    relativeTime(i.firstSeenAt, now),
    `${clip(i.summary, 70)}${i.confidential ? ' [confidential]' : ''}${i.suppressedBy ? ` [maintenance: ${i.suppressedBy.name}]` : ''}`,
  ]);
  return table(['ID', 'STATE', 'PRIORITY', 'SERVICE', 'OPENED', 'SUMMARY'], rows);
}

/**
 * `klaxon incidents list`: the relay's incident list (`GET /api/v1/incidents`), filtered by status;
 * `--q` filters the answer by text on this side (the relay's list takes no text query), `any` asks
 * for the open and the resolved ones.
 */
export const incidentsListCommand: Command = {
  words: ['incidents', 'list'],
  usage: 'incidents list [--status open|triggered|acknowledged|resolved|any] [--q text] [--limit n]',
  summary: 'list incidents (open ones by default), newest first',
  details: '--q keeps incidents whose id, summary, source, service or dedup key contains the text. --limit defaults to 50 (at most 1000).',
  options: { status: { type: 'string' }, q: { type: 'string' }, limit: { type: 'string' } },
  async run(context, args) {
    const status = (stringFlag(args, 'status') ?? 'open') as StatusFilter;
    if (!STATUSES.includes(status)) throw usageError(`--status must be one of ${STATUSES.join(', ')}`, '--status');
    const limit = integerFlag(args, 'limit', 50, 1, RELAY_MAX);
    const q = stringFlag(args, 'q');
    const client = connect(context, args);
    // A text filter runs here, so ask the relay for as many as it gives and cut after filtering.
    const ask = q ? RELAY_MAX : limit;
    const fetchList = async (s: string) => (await client.call<{ incidents: Incident[] }>('GET', `/api/v1/incidents?status=${s}&limit=${ask}`)).incidents;
    const lists = status === 'any' ? await Promise.all([fetchList('open'), fetchList('resolved')]) : [await fetchList(status)];
    const seen = new Set<string>();
    const incidents = lists
      .flat()
      .filter((i) => !seen.has(i.id) && seen.add(i.id) && (!q || matchesText(i, q)))
      .sort((a, b) => Date.parse(b.firstSeenAt) - Date.parse(a.firstSeenAt))
      .slice(0, limit);
    emit(context, args, { incidents }, () => incidentTable(incidents, context.now()));
  },
};
