import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TeamInputSchema, TeamUpdateSchema, UserCreateSchema, UserProfileChangeSchema } from '../../../../shared/schemas/admin.js';
import type { AdminTeams } from '../../../app/admin/admin-teams.js';
import type { AdminUsers } from '../../../app/admin/admin-users.js';
import { parseInput } from '../http-error.js';
import { requireAdminUser, settleAdmin } from './admin-settle.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/**
 * The admin screens' people and team routes (admins only, 403 otherwise): list people, invite one
 * (`POST /api/v1/users` answers a one-time password, once), change a profile, reset a password,
 * show phones and contacts; list, create and change teams. Roles and deactivation stay on
 * `PATCH /api/v1/users/:id` (user-admin-routes.ts).
 */
export function registerAdminPeopleRoutes(app: FastifyInstance, deps: { users: AdminUsers; teams: AdminTeams }): void {
  app.get('/api/v1/admin/users', async (request) => {
    requireAdminUser(request);
    return { users: await deps.users.list() };
  });

  app.post('/api/v1/users', async (request, reply) => {
    const admin = requireAdminUser(request);
    const input = parseInput(UserCreateSchema, request.body);
    const created = settleAdmin(await deps.users.create(admin, input));
    request.log.info({ userId: input.id, by: admin.id, role: input.role }, 'user created');
    return reply.code(201).send(created);
  });

  app.patch('/api/v1/users/:id/profile', async (request) => {
    const admin = requireAdminUser(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    return { user: settleAdmin(await deps.users.changeProfile(admin, id, parseInput(UserProfileChangeSchema, request.body))) };
  });

  app.post('/api/v1/users/:id/reset-password', async (request) => {
    const admin = requireAdminUser(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    const value = settleAdmin(await deps.users.resetPassword(admin, id));
    request.log.info({ userId: id, by: admin.id }, 'password reset');
    return value;
  });

  app.get('/api/v1/users/:id/reach', async (request) => {
    requireAdminUser(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    return settleAdmin(await deps.users.reach(id));
  });

  app.get('/api/v1/admin/teams', async (request) => {
    requireAdminUser(request);
    return { teams: await deps.teams.list() };
  });

  app.post('/api/v1/teams', async (request, reply) => {
    const admin = requireAdminUser(request);
    const team = parseInput(TeamInputSchema, request.body);
    return reply.code(201).send({ team: settleAdmin(await deps.teams.create(admin, team)) });
  });

  app.put('/api/v1/teams/:id', async (request) => {
    const admin = requireAdminUser(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    const team = parseInput(TeamUpdateSchema, request.body);
    return { team: settleAdmin(await deps.teams.update(admin, { ...team, id })) };
  });
}
