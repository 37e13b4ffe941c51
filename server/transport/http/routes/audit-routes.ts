import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AuditQuerySchema } from '../../../../shared/schemas/audit.js';
import { SlugSchema } from '../../../../shared/schemas/common.js';
import type { LoginThrottle } from '../../../app/accounts/login-throttle.js';
import { readAuditPage } from '../../../app/audit/audit-log.js';
import { verifyChains } from '../../../app/audit/verify-chains.js';
import type { Digest } from '../../../core/audit/chain-hash.js';
import type { Store } from '../../../app/ports/store.js';
import { requireRole, signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const UserParamsSchema = z.object({ id: SlugSchema });

/**
 * Registers the audit API: `GET /api/v1/audit` (filtered, paged, newest first) and
 * `GET /api/v1/audit/verify` (walks every hash chain and names the first broken row) for admins and
 * IR managers, and `POST /api/v1/users/:id/unlock` (lifts a login lockout) for admins only.
 */
export function registerAuditRoutes(app: FastifyInstance, deps: { store: Store; throttle: LoginThrottle; digest: Digest }): void {
  const managers = { preHandler: requireRole('ir-manager') };

  app.get('/api/v1/audit', managers, async (request) => {
    return readAuditPage(deps.store, parseInput(AuditQuerySchema, request.query, 'query'));
  });

  app.get('/api/v1/audit/verify', managers, async (request) => {
    const report = await verifyChains(deps.store, deps.digest);
    if (!report.intact) request.log.warn({ broken: report.broken }, 'audit verify found a broken hash chain');
    return report;
  });

  app.post('/api/v1/users/:id/unlock', { preHandler: requireRole('admin') }, async (request) => {
    const { id } = parseInput(UserParamsSchema, request.params, 'id');
    if (!(await deps.store.getUser(id))) throw new HttpError(404, `no user ${id}`, 'id');
    const lifted = await deps.throttle.unlock(id, { actorId: signedInUser(request).id, address: request.ip ?? null });
    if (!lifted) throw new HttpError(409, `${id} is not locked out`, 'id');
    return { id, lifted };
  });
}
