import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { User } from '../../../../shared/schemas/user.js';
import type { WallboardStats } from '../../../../shared/schemas/wallboard.js';
import type { Clock } from '../../../app/ports/clock.js';
import type { Store } from '../../../app/ports/store.js';
import { readWallboardStats } from '../../../app/stats/wallboard-service.js';
import type { WallboardTokens } from '../../../app/stats/wallboard-tokens.js';
import { bearerToken, requireRole, signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

/** How long one computation of the statistics serves every wallboard that asks (they poll every few seconds). */
const STATS_CACHE_MS = 2000;

const CreateTokenSchema = z.object({ name: z.string().trim().min(1).max(100) });
const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** What the wallboard routes need. */
export interface StatsRouteDeps {
  store: Store;
  clock: Clock;
  tokens: WallboardTokens;
  /** The user of a console login token, or undefined (the same check the bearer hook makes). */
  authenticateUser(token: string): Promise<User | undefined>;
}

/**
 * The wallboard API. `GET /api/v1/stats/wallboard` answers a wallboard token (read-only: it opens
 * this route and nothing else) or a signed-in user's token; the route is exempt from the user-token
 * hook and checks both itself. Managers list, create and revoke wallboard tokens under
 * `/api/v1/wallboard-tokens`; a new token is shown once.
 */
export function registerStatsRoutes(app: FastifyInstance, deps: StatsRouteDeps): void {
  let cached: { at: number; stats: Promise<WallboardStats> } | undefined;
  const stats = () => {
    const now = deps.clock.now().getTime();
    if (!cached || now - cached.at >= STATS_CACHE_MS || now < cached.at) {
      const fresh = readWallboardStats(deps.store, deps.clock);
      cached = { at: now, stats: fresh };
      // A failed read is not served to the next caller.
      fresh.catch(() => (cached = cached?.stats === fresh ? undefined : cached));
    }
    return cached.stats;
  };

  const allowed = async (request: FastifyRequest): Promise<boolean> => {
    const token = bearerToken(request);
    if (!token) return false;
    return (await deps.tokens.verify(token)) || (await deps.authenticateUser(token)) !== undefined;
  };

  app.get('/api/v1/stats/wallboard', { config: { public: true } }, async (request, reply) => {
    if (!(await allowed(request))) {
      throw new HttpError(401, 'send Authorization: Bearer <wallboard token or login token>', undefined, { 'www-authenticate': 'Bearer' });
    }
    void reply.header('cache-control', 'no-store');
    return stats();
  });

  app.get('/api/v1/wallboard-tokens', { preHandler: requireRole('ir-manager') }, async () => ({ tokens: await deps.tokens.list() }));

  app.post('/api/v1/wallboard-tokens', { preHandler: requireRole('ir-manager') }, async (request, reply) => {
    const { name } = parseInput(CreateTokenSchema, request.body);
    const user = signedInUser(request);
    const created = await deps.tokens.create(name, user.id);
    request.log.info({ wallboardTokenId: created.view.id, userId: user.id }, 'wallboard token created');
    return reply.code(201).send({ token: created.token, ...created.view });
  });

  app.post('/api/v1/wallboard-tokens/:id/revoke', { preHandler: requireRole('ir-manager') }, async (request) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    if (!(await deps.tokens.revoke(id, signedInUser(request).id))) throw new HttpError(404, 'no such wallboard token');
    request.log.info({ wallboardTokenId: id, userId: signedInUser(request).id }, 'wallboard token revoked');
    return { id, revoked: true };
  });
}
