import { randomUUID } from 'node:crypto';
import type { CreateSwap, SwapDecision, SwapRequest } from '../../../shared/schemas/swap.js';
import { checkSwapRequest, decideSwap, managesSchedules, swapOverride, type ScheduleActor } from '../../core/calendar/index.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import { markEdited, requireSchedule } from './schedule-editing.js';
import { ScheduleProblem } from './schedule-problem.js';

/** Tells both people of a request that it was made or settled (a live push to their consoles). */
export type SwapNotifier = (swap: SwapRequest) => void;

/** Shift swaps between members: a request, then the other member accepts (an override is made) or declines. */
export interface SwapService {
  /** The requests `actor` made or was asked (managers: all), newest first; optionally of one schedule. */
  list(actor: ScheduleActor, scheduleId?: string): Promise<SwapRequest[]>;
  /** `actor` asks `ask.target` to take their on-call time in the range. */
  request(actor: ScheduleActor, scheduleId: string, ask: CreateSwap): Promise<SwapRequest>;
  /** Accepts (the target: adds the override in the same transaction), declines or cancels a request. */
  decide(actor: ScheduleActor, swapId: string, decision: SwapDecision): Promise<SwapRequest>;
}

/** Creates the swap use-cases; `notify` runs after each committed change. */
export function createSwapService(deps: { store: Store; clock: Clock; notify: SwapNotifier }): SwapService {
  const { store, clock } = deps;
  return {
    async list(actor, scheduleId) {
      const filter = managesSchedules(actor) ? {} : { userId: actor.id };
      return store.listSwaps(scheduleId === undefined ? filter : { ...filter, scheduleId });
    },
    async request(actor, scheduleId, ask) {
      const schedule = await requireSchedule(store, scheduleId);
      const team = await store.getTeam(schedule.team);
      const now = clock.now();
      const check = checkSwapRequest(schedule, team ?? { members: [] }, { ...ask, requester: actor.id }, now);
      if (!check.ok) throw new ScheduleProblem(check.problem.code, check.problem.message, check.problem.field);
      const swap: SwapRequest = {
        id: randomUUID(),
        scheduleId,
        requester: actor.id,
        target: ask.target,
        start: ask.start,
        end: ask.end,
        note: ask.note,
        status: 'pending',
        createdAt: now.toISOString(),
        decidedAt: null,
        decidedBy: null,
      };
      await store.insertSwap(swap);
      deps.notify(swap);
      return swap;
    },
    async decide(actor, swapId, decision) {
      const settled = await store.transaction(async (tx) => {
        const swap = await tx.getSwap(swapId);
        if (!swap) throw new ScheduleProblem('not_found', 'no such swap request');
        const outcome = decideSwap(swap, decision, { id: actor.id, manager: managesSchedules(actor) });
        if (!outcome.ok) throw new ScheduleProblem(outcome.problem.code, outcome.problem.message);
        const now = clock.now();
        if (!(await tx.settleSwap(swap.id, outcome.status, now, actor.id))) {
          throw new ScheduleProblem('conflict', 'this request was settled meanwhile');
        }
        if (outcome.status === 'accepted') {
          const schedule = await requireSchedule(tx, swap.scheduleId);
          await tx.upsertSchedule({ ...schedule, overrides: [...schedule.overrides, swapOverride(swap)] });
          await markEdited(tx, schedule.id, actor.id, now);
        }
        return (await tx.getSwap(swap.id))!;
      });
      deps.notify(settled);
      return settled;
    },
  };
}
