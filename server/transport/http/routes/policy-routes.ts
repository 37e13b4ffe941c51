import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InstantSchema } from '../../../../shared/schemas/common.js';
import { PolicySchema } from '../../../../shared/schemas/policy.js';
import { PolicyPreviewRequestSchema } from '../../../../shared/schemas/policy-preview.js';
import type { PolicyService } from '../../../app/policies/policy-service.js';
import { requireRole, signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });
const PreviewQuerySchema = z.object({ at: InstantSchema.optional(), timeZone: z.string().max(100).optional() });
const STATUS: Record<string, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 };

/**
 * The escalation policy API: everyone signed in may read policies, the editor's directory and
 * previews; IR managers and admins create (`POST /api/v1/policies`) and change
 * (`PUT /api/v1/policies/:id`) them, validated with the shared `PolicySchema` and checked for unknown
 * users, schedules and teams. `GET /api/v1/policies/:id/preview` previews the saved policy and
 * `POST …/preview` an unsaved draft.
 */
export function registerPolicyRoutes(app: FastifyInstance, deps: { policies: PolicyService }): void {
  const { policies } = deps;
  const idOf = (params: unknown) => parseInput(IdParamsSchema, params, 'id').id;

  app.get('/api/v1/policies', async () => ({ policies: await policies.list() }));
  app.get('/api/v1/policies/directory', async () => policies.directory());

  app.get('/api/v1/policies/:id', async (request) => {
    const policy = await policies.get(idOf(request.params));
    if (!policy) throw new HttpError(404, 'no such policy');
    return { policy };
  });

  const save = (mode: 'create' | 'update') => async (request: Parameters<typeof signedInUser>[0]) => {
    const policy = parseInput(PolicySchema, request.body);
    if (mode === 'update' && policy.id !== idOf(request.params)) throw new HttpError(400, 'id: does not match the address', 'id');
    const result = await policies.save(policy, mode, { actorId: signedInUser(request).id, address: request.ip ?? null });
    if (!result.ok) throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
    request.log.info({ policyId: policy.id, userId: signedInUser(request).id, mode }, 'policy saved');
    return { policy: result.value };
  };
  app.post('/api/v1/policies', { preHandler: requireRole('ir-manager') }, save('create'));
  app.put('/api/v1/policies/:id', { preHandler: requireRole('ir-manager') }, save('update'));

  app.get('/api/v1/policies/:id/preview', async (request) => {
    const query = parseInput(PreviewQuerySchema, request.query, 'query');
    const policy = await policies.get(idOf(request.params));
    if (!policy) throw new HttpError(404, 'no such policy');
    const { managedByConfig: _managed, ...plain } = policy;
    return {
      preview: await policies.preview(plain, {
        ...(query.at ? { at: new Date(query.at) } : {}),
        ...(query.timeZone ? { timeZone: query.timeZone } : {}),
      }),
    };
  });

  app.post('/api/v1/policies/:id/preview', async (request) => {
    idOf(request.params);
    const body = parseInput(PolicyPreviewRequestSchema, request.body);
    return {
      preview: await policies.preview(body.policy, {
        ...(body.at ? { at: new Date(body.at) } : {}),
        ...(body.timeZone ? { timeZone: body.timeZone } : {}),
      }),
    };
  });
}
