import type { ScheduleSummary } from '../../../shared/schemas/calendar.js';
import { stringFlag } from '../args.js';
import { emit, type Command } from '../command.js';
import { usageError } from '../exit-codes.js';
import { relativeTime, table } from '../format.js';
import { connect } from '../session.js';
import type { OnCall } from '../../core/schedule/index.js';

/** Who is on call on one schedule at one instant, as `klaxon oncall` prints it. */
export interface OnCallLine {
  scheduleId: string;
  scheduleName: string;
  at: string;
  users: { id: string; name: string }[];
  layer: string | null;
  override: boolean;
  /** The next handoff after now; only known for "now" (the relay's answer). */
  nextHandoff: { at: string; users: string[] } | null;
}

/**
 * Who is on call on `summary`'s schedule: the relay's answer for now, or, with `later`, who the
 * schedule core's `onCallAt` puts there at `later.at` (the same calculation the relay makes).
 */
export function onCallLine(summary: ScheduleSummary, now: Date, later?: { at: Date; onCall: OnCall }): OnCallLine {
  const names = new Map(summary.people.map((p) => [p.id, p.name]));
  const at = later?.at;
  const current = later ? { ...later.onCall, nextHandoff: null } : summary.onCall;
  return {
    scheduleId: summary.schedule.id,
    scheduleName: summary.schedule.name,
    at: (at ?? now).toISOString(),
    users: current.users.map((id) => ({ id, name: names.get(id) ?? id })),
    layer: current.layer,
    override: current.override,
    nextHandoff: current.nextHandoff,
  };
}

/** The human table of on-call lines. */
export function onCallTable(lines: readonly OnCallLine[], now: Date): string {
  if (lines.length === 0) return 'No schedules.';
  return table(
    ['SCHEDULE', 'ON CALL', 'LAYER', 'NEXT HANDOFF'],
    lines.map((l) => [
      l.scheduleId,
      l.users.length ? l.users.map((u) => `${u.name} (${u.id})`).join(', ') : 'nobody (gap)',
      `${l.layer ?? '-'}${l.override ? ' (override)' : ''}`,
      l.nextHandoff ? `${relativeTime(l.nextHandoff.at, now)} → ${l.nextHandoff.users.join(', ') || 'nobody'}` : '-',
    ]),
  );
}

/** `klaxon oncall [schedule] [--at time]`: who is on call now, or at a given time. */
export const oncallCommand: Command = {
  words: ['oncall'],
  usage: 'oncall [SCHEDULE] [--at TIME]',
  summary: 'show who is on call now (or at --at) on every schedule, or on one',
  details: [
    '--at takes "now", a duration from now (2h, +30m), an instant with an offset (2026-12-01T09:00Z),',
    'or a wall-clock time YYYY-MM-DDTHH:MM read in each schedule\'s own time zone.',
  ].join('\n'),
  options: { at: { type: 'string' } },
  async run(context, args) {
    const atText = stringFlag(args, 'at');
    const id = args.positionals[0];
    const client = connect(context, args);
    const summaries = id
      ? [await client.call<ScheduleSummary>('GET', `/api/v1/schedules/${encodeURIComponent(id)}`)]
      : (await client.call<{ schedules: ScheduleSummary[] }>('GET', '/api/v1/schedules')).schedules;
    const now = context.now();
    if (atText === undefined) {
      const lines = summaries.map((summary) => onCallLine(summary, now));
      return emit(context, args, { onCall: lines }, () => onCallTable(lines, now));
    }
    // The schedule core (and its time-zone library) loads only when a time other than now is asked for.
    const [{ onCallAt }, { parseTimeArg }] = await Promise.all([import('../../core/schedule/index.js'), import('../time-arg.js')]);
    const lines = summaries.map((summary) => {
      const at = parseTimeArg(atText, now, summary.schedule.timeZone);
      if (!at) throw usageError(`--at "${atText}" is not a time: use now, 2h, 2026-12-01T09:00Z or YYYY-MM-DDTHH:MM`, '--at');
      return onCallLine(summary, now, { at, onCall: onCallAt(summary.schedule, at) });
    });
    emit(context, args, { onCall: lines }, () => onCallTable(lines, now));
  },
};
