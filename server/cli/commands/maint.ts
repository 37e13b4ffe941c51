import { parseDuration } from '../../../shared/schemas/common.js';
import type { MaintenanceWindow } from '../../../shared/schemas/maintenance.js';
import { listFlag, positional, stringFlag } from '../args.js';
import { emit, type Command } from '../command.js';
import { usageError } from '../exit-codes.js';
import { relativeTime } from '../format.js';
import { connect } from '../session.js';

/** How long `maint start` opens a window for when `--for` is not given. */
const DEFAULT_FOR = '1h';

/**
 * `klaxon maint start NAME --service S… [--for 2h] [--reason …] [--on-end drop|release]`: opens a
 * one-off maintenance window starting now (`POST /api/v1/maintenance-windows`).
 */
export const maintStartCommand: Command = {
  words: ['maint', 'start'],
  usage: 'maint start NAME --service S [--service S2…] [--for 2h] [--reason TEXT] [--on-end drop|release]',
  summary: 'start a maintenance window now: alerts of the services are kept but do not page',
  details: `--for is a duration (30m, 2h, 1d; default ${DEFAULT_FOR}, at most 31 days). --on-end says what becomes of incidents still open when it ends (release: normal escalation, the default; drop: stay unpaged).`,
  options: { service: { type: 'string', multiple: true }, for: { type: 'string' }, reason: { type: 'string' }, 'on-end': { type: 'string' } },
  async run(context, args) {
    const name = positional(args, 0, 'NAME');
    const services = listFlag(args, 'service');
    if (services.length === 0) throw usageError('give at least one --service', '--service');
    const forText = stringFlag(args, 'for') ?? DEFAULT_FOR;
    const seconds = parseDuration(forText);
    if (!seconds) throw usageError(`--for "${forText}" is not a duration such as 30m, 2h or 1d`, '--for');
    const onEnd = stringFlag(args, 'on-end');
    const now = context.now();
    const body = {
      name,
      reason: stringFlag(args, 'reason') ?? '',
      match: { services },
      startsAt: now.toISOString(),
      endsAt: new Date(now.getTime() + seconds * 1000).toISOString(),
      ...(onEnd ? { onEnd } : {}),
    };
    const { window } = await connect(context, args).call<{ window: MaintenanceWindow }>('POST', '/api/v1/maintenance-windows', body);
    emit(context, args, { window }, () => `Started maintenance window ${window.id} "${window.name}" on ${services.join(', ')}, ends ${relativeTime(window.endsAt ?? body.endsAt, now)}`);
  },
};

/** `klaxon maint end ID`: ends a running maintenance window now (`POST /api/v1/maintenance-windows/:id/end`). */
export const maintEndCommand: Command = {
  words: ['maint', 'end'],
  usage: 'maint end ID',
  summary: 'end a running maintenance window now',
  options: {},
  async run(context, args) {
    const id = positional(args, 0, 'ID');
    const { window } = await connect(context, args).call<{ window: MaintenanceWindow }>('POST', `/api/v1/maintenance-windows/${encodeURIComponent(id)}/end`);
    emit(context, args, { window }, () => `Ended maintenance window ${window.id} "${window.name}"`);
  },
};
