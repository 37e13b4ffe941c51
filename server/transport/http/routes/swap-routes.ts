import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SlugSchema } from '../../../../shared/schemas/common.js';
import { CreateSwapSchema, SwapDecisionSchema } from '../../../../shared/schemas/swap.js';
import type { SwapService } from '../../../app/schedules/swap-service.js';
import { parseInput } from '../http-error.js';
import { actorOf, answer } from './schedule-http.js';

const ScheduleParamsSchema = z.object({ id: SlugSchema });
const SwapParamsSchema = z.object({ id: z.string().min(1).max(100) });
const ListQuerySchema = z.object({ schedule: SlugSchema.optional() });

/**
 * Shift swaps: `GET /api/v1/swaps` (mine; managers see all), `POST /api/v1/schedules/:id/swaps`
 * (ask another member to take my time), `POST /api/v1/swaps/:id/decision` (accept, decline, cancel).
 */
export function registerSwapRoutes(app: FastifyInstance, deps: { swaps: SwapService }): void {
  app.get('/api/v1/swaps', async (request) => {
    const { schedule } = parseInput(ListQuerySchema, request.query, 'query');
    return { swaps: await answer(() => deps.swaps.list(actorOf(request), schedule)) };
  });
  app.post('/api/v1/schedules/:id/swaps', async (request, reply) => {
    const { id } = parseInput(ScheduleParamsSchema, request.params, 'id');
    const ask = parseInput(CreateSwapSchema, request.body);
    const swap = await answer(() => deps.swaps.request(actorOf(request), id, ask));
    return reply.code(201).send(swap);
  });
  app.post('/api/v1/swaps/:id/decision', async (request) => {
    const { id } = parseInput(SwapParamsSchema, request.params, 'id');
    const { decision } = parseInput(SwapDecisionSchema, request.body);
    return answer(() => deps.swaps.decide(actorOf(request), id, decision));
  });
}
