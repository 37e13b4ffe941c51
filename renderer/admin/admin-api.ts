import { z } from 'zod';
import {
  AdminServiceRowSchema,
  AdminTeamRowSchema,
  AdminUserRowSchema,
  IntegrationKeySchema,
  OneTimePasswordSchema,
  PriorityPreviewSchema,
  UserReachSchema,
  type AdminServiceRow,
  type AdminTeamRow,
  type AdminUserRow,
  type IntegrationCreate,
  type IntegrationKey,
  type OneTimePassword,
  type PriorityPreview,
  type ServiceInput,
  type UserCreate,
  type UserProfileChange,
  type UserReach,
} from '../../shared/schemas/admin.js';
import type { Severity } from '../../shared/schemas/priority.js';
import type { PriorityRule } from '../../shared/schemas/service.js';
import type { Team } from '../../shared/schemas/team.js';
import type { Role } from '../../shared/schemas/user.js';
import { relayGetJson, relaySendJson, type RelayAuth } from '../services/relay-request.js';

const IdSchema = z.object({ id: z.string() });
const PolicyNamesSchema = z.object({ policies: z.array(z.object({ id: z.string(), name: z.string() })) });
const TestAlertResultSchema = z.object({ incidentId: z.string().nullable(), outcome: z.string() });

/** The answer to a test alert: the incident it opened or joined (null when it was ignored) and how. */
export type TestAlertResult = z.infer<typeof TestAlertResultSchema>;

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

/**
 * The relay's admin routes as the Admin screens use them (docs/admin.md). Answers are checked with the
 * shared schemas; a refusal throws `RelayRequestError` with the relay's message and the field it named.
 */
export function createAdminApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)) {
  const options = { fetchImpl, timeoutMs: 15_000 };
  const get = <T>(auth: RelayAuth, url: string, schema: z.ZodType<T>) => relayGetJson(auth, url, schema, options);
  const send = <T>(auth: RelayAuth, method: string, url: string, body: unknown, schema: z.ZodType<T> | null) => relaySendJson(auth, method, url, body, schema, options);
  return {
    /** Everyone with role, active flag, config source and working phones. */
    listUsers: async (auth: RelayAuth): Promise<AdminUserRow[]> => (await get(auth, '/api/v1/admin/users', z.object({ users: z.array(AdminUserRowSchema) }))).users,
    /** Invites a person; the answer is their one-time password, shown once. */
    inviteUser: (auth: RelayAuth, input: UserCreate): Promise<OneTimePassword> => send(auth, 'POST', '/api/v1/users', input, OneTimePasswordSchema),
    /** Changes a person's name, e-mail or time zone. */
    changeProfile: (auth: RelayAuth, id: string, change: UserProfileChange): Promise<void> => send(auth, 'PATCH', `/api/v1/users/${path(id)}/profile`, change, null),
    /** Changes a person's role, or deactivates (`active: false`) or reactivates them. */
    changeAccess: (auth: RelayAuth, id: string, change: { role?: Role; active?: boolean }): Promise<void> => send(auth, 'PATCH', `/api/v1/users/${path(id)}`, change, null),
    /** Makes a new one-time password for a person (their sessions end). */
    resetPassword: (auth: RelayAuth, id: string): Promise<OneTimePassword> => send(auth, 'POST', `/api/v1/users/${path(id)}/reset-password`, undefined, OneTimePasswordSchema),
    /** A person's phones and contact channels. */
    reach: (auth: RelayAuth, id: string): Promise<UserReach> => get(auth, `/api/v1/users/${path(id)}/reach`, UserReachSchema),

    /** Every team with its config source. */
    listTeams: async (auth: RelayAuth): Promise<AdminTeamRow[]> => (await get(auth, '/api/v1/admin/teams', z.object({ teams: z.array(AdminTeamRowSchema) }))).teams,
    /** Creates (`create`) or replaces (`update`) a team. */
    saveTeam: (auth: RelayAuth, team: Team, mode: 'create' | 'update'): Promise<void> => {
      const { id, ...rest } = team;
      return mode === 'create' ? send(auth, 'POST', '/api/v1/teams', team, null) : send(auth, 'PUT', `/api/v1/teams/${path(id)}`, rest, null);
    },

    /** Every service with its integrations (endpoint patterns) and config sources. */
    listServices: async (auth: RelayAuth): Promise<AdminServiceRow[]> => (await get(auth, '/api/v1/admin/services', z.object({ services: z.array(AdminServiceRowSchema) }))).services,
    /** The escalation policies a service may use (id and name). */
    listPolicies: async (auth: RelayAuth): Promise<{ id: string; name: string }[]> => (await get(auth, '/api/v1/policies', PolicyNamesSchema)).policies,
    /** Creates (`create`) or changes (`update`) a service's own fields. */
    saveService: (auth: RelayAuth, service: ServiceInput, mode: 'create' | 'update'): Promise<void> => {
      const { id, ...rest } = service;
      return mode === 'create' ? send(auth, 'POST', '/api/v1/services', service, null) : send(auth, 'PUT', `/api/v1/services/${path(id)}`, rest, null);
    },
    /** Adds an integration; the answer carries its new key, shown once. */
    addIntegration: (auth: RelayAuth, serviceId: string, input: IntegrationCreate): Promise<IntegrationKey> =>
      send(auth, 'POST', `/api/v1/services/${path(serviceId)}/integrations`, input, IntegrationKeySchema),
    /** Rotates an integration's key: the old one stops working; the new one is answered once. */
    rotateKey: (auth: RelayAuth, integrationId: string): Promise<{ id: string; key: string }> =>
      send(auth, 'POST', `/api/v1/integrations/${path(integrationId)}/rotate-key`, undefined, IdSchema.extend({ key: z.string() })),
    /** Sends a test alert through the service's first integration and the real intake. */
    testAlert: (auth: RelayAuth, serviceId: string, input: { summary?: string; severity?: Severity }): Promise<TestAlertResult> =>
      send(auth, 'POST', `/api/v1/services/${path(serviceId)}/test-alert`, input, TestAlertResultSchema),

    /** Saves a service's ordered priority rules. */
    saveRules: (auth: RelayAuth, serviceId: string, rules: PriorityRule[]): Promise<void> => send(auth, 'PUT', `/api/v1/services/${path(serviceId)}/priority-rules`, { rules }, null),
    /** What draft rules would do to the service's recent incidents. */
    previewRules: (auth: RelayAuth, serviceId: string, rules: PriorityRule[]): Promise<PriorityPreview> =>
      send(auth, 'POST', `/api/v1/services/${path(serviceId)}/priority-rules/preview`, { rules }, PriorityPreviewSchema),
  };
}

/** The admin client, as `createAdminApi` builds it. */
export type AdminApi = ReturnType<typeof createAdminApi>;
