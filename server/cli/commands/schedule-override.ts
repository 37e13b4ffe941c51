import type { ScheduleSummary } from '../../../shared/schemas/calendar.js';
import { positional, requiredFlag, stringFlag } from '../args.js';
import { emit, type Command } from '../command.js';
import { connect } from '../session.js';

/**
 * `klaxon schedule override SCHEDULE --user U --from T --to T [--replaces V]`: adds one override
 * (`POST /api/v1/schedules/:id/overrides`). Times are wall-clock `YYYY-MM-DDTHH:MM` in the
 * schedule's zone, as the schedule itself stores them; the relay checks them and names the field.
 */
export const scheduleOverrideCommand: Command = {
  words: ['schedule', 'override'],
  usage: 'schedule override SCHEDULE --user U --from YYYY-MM-DDTHH:MM --to YYYY-MM-DDTHH:MM [--replaces V]',
  summary: 'put someone on call on a schedule for a stretch (an override)',
  details: '--from and --to are wall-clock times in the schedule\'s time zone. --replaces names the one person the override stands in for (default: everyone on call then).',
  options: { user: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, replaces: { type: 'string' } },
  async run(context, args) {
    const id = positional(args, 0, 'SCHEDULE');
    const replaces = stringFlag(args, 'replaces');
    const override = { user: requiredFlag(args, 'user'), start: requiredFlag(args, 'from'), end: requiredFlag(args, 'to'), ...(replaces ? { replaces } : {}) };
    const summary = await connect(context, args).call<ScheduleSummary>('POST', `/api/v1/schedules/${encodeURIComponent(id)}/overrides`, { overrides: [override] });
    emit(context, args, summary, () =>
      `Override added to ${id}: ${override.user} from ${override.start} to ${override.end} (${summary.schedule.timeZone})${replaces ? ` replacing ${replaces}` : ''}`,
    );
  },
};
