import { z } from 'zod';
import { InstantSchema, parseDuration } from './common.js';

/**
 * What an API token may reach (issue 18). Each `/api/v1` route needs exactly one scope (see
 * `server/transport/http/token-scope.ts` for the table); a route without one refuses API tokens.
 * - `incidents:read`: read the board — incidents, their details and timelines, services, clients,
 *   policies, schedules, statistics, and `GET /api/v1/me`.
 * - `incidents:act`: act on incidents — acknowledge, resolve, escalate, notes, assign, priority,
 *   verdict, dismiss, page a person, confidential and need-to-know changes.
 * - `schedules:manage`: overrides, swaps and swap decisions, calendar feeds, escalation policies.
 * - `ingest`: the ingest-related API routes (services and rotating an integration's key); alerts
 *   themselves still come in with an integration key (`POST /v2/enqueue`, `/integrations/…`).
 * - `admin`: administration — users, the audit trail, wallboard tokens, ConnectWise connections,
 *   client edits — and every route of the other scopes.
 * A scope never lifts a person's role: a personal token acts as its owner and can do no more than
 * the owner may; both checks apply.
 */
export const ApiScopeSchema = z.enum(['incidents:read', 'incidents:act', 'schedules:manage', 'ingest', 'admin']);
export type ApiScope = z.infer<typeof ApiScopeSchema>;

/** Every scope in the order the console and the docs list them. */
export const API_SCOPES: readonly ApiScope[] = ApiScopeSchema.options;

/**
 * `personal`: acts as the person who created it, never beyond their role. `service`: created by an
 * admin for a machine; it acts as its own service account, whose role follows from its scopes
 * (see `serviceRoleOf`).
 */
export const ApiTokenKindSchema = z.enum(['personal', 'service']);
export type ApiTokenKind = z.infer<typeof ApiTokenKindSchema>;

/** Every API token's secret starts with this, so a bearer token is looked up in one table only. */
export const API_TOKEN_PREFIX = 'klx_';

/** The longest life a token may be given: one year. */
export const MAX_TOKEN_LIFE_SECONDS = 366 * 86_400;

/** A life such as "30d", "12h" or "1w", at most a year. */
const ExpiresInSchema = z
  .string()
  .refine((text) => parseDuration(text) !== undefined, 'use a duration such as "30d", "12h" or "1w"')
  .refine((text) => (parseDuration(text) ?? 0) > 0 && (parseDuration(text) ?? 0) <= MAX_TOKEN_LIFE_SECONDS, 'a token lives at most one year');

/**
 * The body of `POST /api/v1/tokens`: a name, one or more scopes, and when it expires — either
 * `expiresAt` (an instant within a year) or `expiresIn` (a duration); exactly one is required.
 * `kind` defaults to `personal`; `service` needs an admin.
 */
export const ApiTokenCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: ApiTokenKindSchema.default('personal'),
    scopes: z.array(ApiScopeSchema).min(1).max(API_SCOPES.length),
    expiresAt: InstantSchema.optional(),
    expiresIn: ExpiresInSchema.optional(),
  })
  .strict()
  .refine((body) => (body.expiresAt === undefined) !== (body.expiresIn === undefined), {
    message: 'give either expiresAt or expiresIn (the token must expire)',
    path: ['expiresIn'],
  });
export type ApiTokenCreate = z.infer<typeof ApiTokenCreateSchema>;

/** An API token as lists show it: never its secret, only a short prefix to tell tokens apart. */
export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: ApiTokenKindSchema,
  /** The person it acts as (personal) or the admin who created it (service). */
  owner: z.string(),
  scopes: z.array(ApiScopeSchema),
  /** The secret's first 12 characters, e.g. `klx_Ab3dE9fG` (not enough to use it). */
  prefix: z.string(),
  createdAt: InstantSchema,
  expiresAt: InstantSchema,
  lastUsedAt: InstantSchema.nullable(),
  revokedAt: InstantSchema.nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

/** The answer of `POST /api/v1/tokens`: the token and, this once only, its secret. */
export const ApiTokenCreatedSchema = z.object({
  token: ApiTokenSchema,
  /** The bearer secret (`klx_…`); the relay keeps only its SHA-256 and cannot show it again. */
  secret: z.string(),
});
export type ApiTokenCreated = z.infer<typeof ApiTokenCreatedSchema>;

/** The answer of `GET /api/v1/tokens`: newest first. */
export const ApiTokenListSchema = z.object({ tokens: z.array(ApiTokenSchema) });
export type ApiTokenList = z.infer<typeof ApiTokenListSchema>;

/** The answer of `POST /api/v1/tokens/:id/revoke`. */
export const ApiTokenRevokedSchema = z.object({ token: ApiTokenSchema });
