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
 * `--q` is the relay's full-text history search (summary, source, alert payloads, notes,
 * post-mortems; docs/history.md), which applies need-to-know inside the query.
 */
export const incidentsListCommand: Command = {
  words: ['incidents', 'list'],
  usage: 'incidents list [--status open|triggered|acknowledged|resolved|any] [--q text] [--limit n]',
  summary: 'list incidents (open ones by default), newest first',
  details: '--q searches the history as the console\'s History page does (words, "phrases", -word, prefix*). --limit defaults to 50 (at most 1000).',
  options: { status: { type: 'string' }, q: { type: 'string' }, limit: { type: 'string' } },
  async run(context, args) {
    const status = (stringFlag(args, 'status') ?? 'open') as StatusFilter;
    if (!STATUSES.includes(status)) throw usageError(`--status must be one of ${STATUSES.join(', ')}`, '--status');
    const limit = integerFlag(args, 'limit', 50, 1, RELAY_MAX);
    const q = stringFlag(args, 'q');
    const client = connect(context, args);
    const query = new URLSearchParams({ status, limit: String(limit) });
    if (q) query.set('q', q);
    // Without words or filters beyond `open` the relay answers the board's list (oldest first): order it here.
    if (q || status !== 'open') query.set('sort', 'newest');
    const answer = await client.call<{ incidents: Incident[] }>('GET', `/api/v1/incidents?${query.toString()}`);
    const incidents = [...answer.incidents].sort((a, b) => Date.parse(b.firstSeenAt) - Date.parse(a.firstSeenAt)).slice(0, limit);
    emit(context, args, { incidents }, () => incidentTable(incidents, context.now()));
  },
};
