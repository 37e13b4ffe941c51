import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CommandResult } from '../../../../shared/schemas/command.js';
import { RoleSchema } from '../../../../shared/schemas/user.js';
import type { UserAdmin } from '../../../app/accounts/user-admin.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });
const ChangeBodySchema = z
  .strictObject({ role: RoleSchema.optional(), active: z.boolean().optional() })
  .refine((body) => body.role !== undefined || body.active !== undefined, { message: 'send role, active or both', path: ['role'] });

const STATUS = { not_found: 404, conflict: 409 } as Record<string, number>;

/** Turns a refused command into its HTTP error (404 unknown user, 409 last admin, else 400). */
function settle<T>(result: CommandResult<T>): T {
  if (result.ok) return result.value;
  throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
}

/** Only admins manage people; anyone else gets 403. */
function requireAdmin(request: Parameters<typeof signedInUser>[0]) {
  const user = signedInUser(request);
  if (user.role !== 'admin') throw new HttpError(403, `only admins manage users; you are ${user.role}`);
  return user;
}

/**
 * The user admin API (admins only): `PATCH /api/v1/users/:id {role?, active?}` changes a person's
 * role, deactivates or reactivates them; `POST /api/v1/users/:id/revoke-sessions` ends all their
 * login tokens and phones. Both cut the person's open sockets at once.
 */
export function registerUserAdminRoutes(app: FastifyInstance, deps: { users: UserAdmin }): void {
  app.patch('/api/v1/users/:id', async (request) => {
    const admin = requireAdmin(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    const change = parseInput(ChangeBodySchema, request.body);
    const view = settle(await deps.users.change(admin, id, change));
    request.log.info({ userId: id, by: admin.id, role: change.role, active: change.active }, 'user changed');
    return view;
  });

  app.post('/api/v1/users/:id/revoke-sessions', async (request) => {
    const admin = requireAdmin(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    const value = settle(await deps.users.revokeSessions(admin, id));
    request.log.info({ userId: id, by: admin.id, revokedDevices: value.revokedDevices }, 'sessions revoked');
    return value;
  });
}
