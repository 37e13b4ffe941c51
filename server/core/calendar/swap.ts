import type { Override, Schedule } from '../../../shared/schemas/schedule.js';
import type { SwapDecision, SwapRequest, SwapStatus } from '../../../shared/schemas/swap.js';
import type { Team } from '../../../shared/schemas/team.js';
import { shifts } from '../schedule/index.js';
import { createZoneTime, parseLocalDateTime } from '../schedule/zone-time.js';

/** Why a swap cannot go ahead, naming the field at fault. */
export interface SwapProblem {
  code: 'invalid' | 'forbidden' | 'conflict';
  message: string;
  field?: string;
}

/** A swap check: fine, or the problem. */
export type SwapCheck = { ok: true } | { ok: false; problem: SwapProblem };

/** The parts of a request checked before it is stored. */
export type SwapAsk = Pick<SwapRequest, 'requester' | 'target' | 'start' | 'end'>;

/** Returns the instants a request's wall-clock range covers in the schedule's zone, or null. */
export function swapInstants(schedule: Schedule, ask: Pick<SwapAsk, 'start' | 'end'>): { from: Date; to: Date } | null {
  const zone = createZoneTime(schedule.timeZone);
  const start = parseLocalDateTime(ask.start);
  const end = parseLocalDateTime(ask.end);
  if (!zone || start === null || end === null) return null;
  const from = zone.fromLocal(start);
  const to = zone.fromLocal(end);
  return from < to ? { from: new Date(from), to: new Date(to) } : null;
}

/**
 * Checks a swap request against the schedule at `now`: the target is another member of the
 * schedule's team, the range has not ended yet, and the requester is on call for some of it (there
 * is something to hand over).
 */
export function checkSwapRequest(schedule: Schedule, team: Pick<Team, 'members'>, ask: SwapAsk, now: Date): SwapCheck {
  const fail = (code: SwapProblem['code'], message: string, field?: string): SwapCheck => ({
    ok: false,
    problem: field === undefined ? { code, message } : { code, message, field },
  });
  if (ask.target === ask.requester) return fail('invalid', 'ask someone else to take your shift', 'target');
  if (!team.members.includes(ask.target)) return fail('invalid', `${ask.target} is not a member of team ${schedule.team}`, 'target');
  if (!team.members.includes(ask.requester)) return fail('forbidden', `only members of team ${schedule.team} can swap shifts`);
  const range = swapInstants(schedule, ask);
  if (!range) return fail('invalid', 'end must be after start', 'end');
  if (range.to <= now) return fail('invalid', 'that time is already over', 'end');
  const mine = shifts(schedule, range.from, range.to).some((s) => s.users.includes(ask.requester));
  if (!mine) return fail('invalid', `${ask.requester} is not on call between ${ask.start} and ${ask.end}`, 'start');
  return { ok: true };
}

/** The override an accepted swap makes: the target covers the requester's time in the range. */
export function swapOverride(request: Pick<SwapAsk, 'requester' | 'target' | 'start' | 'end'>): Override {
  return { user: request.target, replaces: request.requester, start: request.start, end: request.end };
}

/**
 * Decides what `actor` saying `decision` does to a request: the target accepts or declines, the
 * requester cancels, admins and managers may also decline or cancel; only pending requests change.
 * Returns the new status, or the problem.
 */
export function decideSwap(
  request: Pick<SwapRequest, 'requester' | 'target' | 'status'>,
  decision: SwapDecision,
  actor: { id: string; manager: boolean },
): { ok: true; status: SwapStatus } | { ok: false; problem: SwapProblem } {
  if (request.status !== 'pending') {
    return { ok: false, problem: { code: 'conflict', message: `this request is already ${request.status}` } };
  }
  const allowed =
    decision === 'accept' ? actor.id === request.target
    : decision === 'decline' ? actor.id === request.target || actor.manager
    : actor.id === request.requester || actor.manager;
  if (!allowed) {
    const who = decision === 'accept' ? request.target : decision === 'decline' ? `${request.target} or a manager` : `${request.requester} or a manager`;
    return { ok: false, problem: { code: 'forbidden', message: `only ${who} can ${decision} this request` } };
  }
  const status: SwapStatus = decision === 'accept' ? 'accepted' : decision === 'decline' ? 'declined' : 'cancelled';
  return { ok: true, status };
}
