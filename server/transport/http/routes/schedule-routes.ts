import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AddOverridesSchema, CalendarViewKindSchema } from '../../../../shared/schemas/calendar.js';
import { LocalDateSchema, SlugSchema } from '../../../../shared/schemas/common.js';
import { ScheduleSchema } from '../../../../shared/schemas/schedule.js';
import type { FairOnCall } from '../../../app/schedules/fair-on-call.js';
import type { ScheduleEditing } from '../../../app/schedules/schedule-editing.js';
import { HttpError, parseInput } from '../http-error.js';
import { actorOf, answer } from './schedule-http.js';

const IdParamsSchema = z.object({ id: SlugSchema });
const OverrideParamsSchema = z.object({ id: SlugSchema, index: z.coerce.number().int().min(0) });
const CalendarQuerySchema = z.object({ view: CalendarViewKindSchema.default('month'), date: LocalDateSchema });
const FairnessQuerySchema = z
  .object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
  .refine((q) => !q.from || !q.to || q.from < q.to || Date.parse(q.from) < Date.parse(q.to), { message: 'must be after from', path: ['to'] });
const RebalanceQuerySchema = z.object({ weeks: z.coerce.number().int().min(1).max(8).default(2) });

/**
 * The schedules API: list and read schedules with who is on call now and the next handoff, the
 * month/week calendar lines, create (managers) and replace (owner, managers) schedules, add and remove
 * overrides, and fair on-call (load per person, rebalance suggestion). Bodies are checked with the
 * shared schedule schemas; answers 400 naming the field, 403, 404 or 409.
 */
export function registerScheduleRoutes(app: FastifyInstance, deps: { editing: ScheduleEditing; fairness: FairOnCall }): void {
  const { editing, fairness } = deps;
  const idOf = (params: unknown) => parseInput(IdParamsSchema, params, 'id').id;

  app.get('/api/v1/schedules', async (request) => ({ schedules: await answer(() => editing.list(actorOf(request))) }));
  app.get('/api/v1/schedules/:id', async (request) => answer(() => editing.get(actorOf(request), idOf(request.params))));
  app.get('/api/v1/schedules/:id/calendar', async (request) => {
    const { view, date } = parseInput(CalendarQuerySchema, request.query, 'query');
    return answer(() => editing.calendar(idOf(request.params), view, date));
  });
  app.post('/api/v1/schedules', async (request) => {
    const schedule = parseInput(ScheduleSchema, request.body);
    return answer(() => editing.save(actorOf(request), schedule, 'create'));
  });
  app.put('/api/v1/schedules/:id', async (request) => {
    const id = idOf(request.params);
    const schedule = parseInput(ScheduleSchema, request.body);
    if (schedule.id !== id) throw new HttpError(400, 'id: must match the address', 'id');
    return answer(() => editing.save(actorOf(request), schedule, 'replace'));
  });
  app.post('/api/v1/schedules/:id/overrides', async (request) => {
    const { overrides } = parseInput(AddOverridesSchema, request.body);
    return answer(() => editing.addOverrides(actorOf(request), idOf(request.params), overrides));
  });
  app.delete('/api/v1/schedules/:id/overrides/:index', async (request) => {
    const { id, index } = parseInput(OverrideParamsSchema, request.params, 'index');
    return answer(() => editing.removeOverride(actorOf(request), id, index));
  });
  app.get('/api/v1/schedules/:id/fairness', async (request) => {
    actorOf(request);
    const { from, to } = parseInput(FairnessQuerySchema, request.query, 'query');
    return answer(() => fairness.report(idOf(request.params), from ? new Date(from) : undefined, to ? new Date(to) : undefined));
  });
  app.get('/api/v1/schedules/:id/rebalance', async (request) => {
    actorOf(request);
    const { weeks } = parseInput(RebalanceQuerySchema, request.query, 'query');
    return answer(() => fairness.rebalance(idOf(request.params), weeks));
  });
}
