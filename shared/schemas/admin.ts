import { z } from 'zod';
import { ConfigSourceSchema } from './config-source.js';
import { PrioritySchema, SeveritySchema } from './priority.js';
import { IntegrationSchema, IntegrationTypeSchema, PriorityRuleSchema, ServiceSchema } from './service.js';
import { TeamSchema } from './team.js';
import { UserSchema } from './user.js';

/** `POST /api/v1/users`: a new person (the relay answers a one-time password, shown once). */
export const UserCreateSchema = UserSchema.pick({ id: true, name: true, email: true, role: true, timeZone: true }).strict();
export type UserCreate = z.infer<typeof UserCreateSchema>;

/** `PATCH /api/v1/users/:id/profile`: a person's name, e-mail or time zone (null clears the zone). */
export const UserProfileChangeSchema = z
  .object({ name: UserSchema.shape.name.optional(), email: UserSchema.shape.email.optional(), timeZone: UserSchema.shape.timeZone.unwrap().nullable().optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.email !== undefined || v.timeZone !== undefined, { message: 'send name, email or timeZone', path: ['name'] });
export type UserProfileChange = z.infer<typeof UserProfileChangeSchema>;

/** A person as the admin screen lists them. */
export const AdminUserRowSchema = z.object({
  user: UserSchema,
  active: z.boolean(),
  configSource: ConfigSourceSchema,
  /** Paired phones that still work. */
  phones: z.number().int().nonnegative(),
});
export type AdminUserRow = z.infer<typeof AdminUserRowSchema>;

/** A password the relay made for a person, shown once (a new person or a reset). */
export const OneTimePasswordSchema = z.object({ userId: z.string(), password: z.string() });
export type OneTimePassword = z.infer<typeof OneTimePasswordSchema>;

/** A person's phones and contact channels, as an admin sees them (addresses shortened, no secrets). */
export const UserReachSchema = z.object({
  phones: z.array(z.object({ id: z.string(), name: z.string(), pairedAt: z.string(), lastSeenAt: z.string().nullable(), revoked: z.boolean() })),
  contacts: z.array(z.object({ channel: z.string(), address: z.string() })),
});
export type UserReach = z.infer<typeof UserReachSchema>;

/** `POST /api/v1/teams` takes a whole team; `PUT /api/v1/teams/:id` the same without the id. */
export const TeamInputSchema = TeamSchema.strict();
export const TeamUpdateSchema = TeamSchema.omit({ id: true }).strict();

/** A team as the admin screen lists it. */
export const AdminTeamRowSchema = TeamSchema.extend({ configSource: ConfigSourceSchema });
export type AdminTeamRow = z.infer<typeof AdminTeamRowSchema>;

/** `POST /api/v1/services`: a service's own fields (integrations and priority rules have their own routes). */
export const ServiceInputSchema = ServiceSchema.omit({ integrations: true, priorityRules: true }).strict();
export type ServiceInput = z.infer<typeof ServiceInputSchema>;
/** `PUT /api/v1/services/:id`: the same without the id. */
export const ServiceUpdateSchema = ServiceSchema.omit({ id: true, integrations: true, priorityRules: true }).strict();

/** `POST /api/v1/services/:id/integrations`: a new integration; the relay makes its key and shows it once. */
export const IntegrationCreateSchema = IntegrationSchema.omit({ key: true }).strict();
export type IntegrationCreate = z.infer<typeof IntegrationCreateSchema>;

/** An integration as the admin screen lists it: its endpoint with `{key}` where the secret key goes. */
export const AdminIntegrationSchema = z.object({
  id: z.string(),
  type: IntegrationTypeSchema,
  /** The relay path (or, for e-mail, the address) alerts go to; `{key}` stands for the key. */
  endpoint: z.string(),
  signed: z.boolean(),
});
export type AdminIntegration = z.infer<typeof AdminIntegrationSchema>;

/** A service as the admin screen lists it. */
export const AdminServiceRowSchema = ServiceSchema.omit({ integrations: true }).extend({
  integrations: z.array(AdminIntegrationSchema),
  configSource: ConfigSourceSchema,
  /** The priority rules are an entry of their own under the config-versus-console rule. */
  rulesSource: ConfigSourceSchema,
});
export type AdminServiceRow = z.infer<typeof AdminServiceRowSchema>;

/** A new or rotated integration key, answered once, with the endpoint it completes. */
export const IntegrationKeySchema = z.object({ id: z.string(), key: z.string(), endpoint: z.string() });
export type IntegrationKey = z.infer<typeof IntegrationKeySchema>;

/** `PUT /api/v1/services/:id/priority-rules` and its preview: the ordered rules. */
export const PriorityRulesInputSchema = z.object({ rules: z.array(PriorityRuleSchema).max(100, 'use at most 100 rules') }).strict();
export type PriorityRulesInput = z.infer<typeof PriorityRulesInputSchema>;

/** What a rule change would do to the service's recent incidents (newest first). */
export const PriorityPreviewSchema = z.object({
  incidents: z.array(
    z.object({
      id: z.string(),
      summary: z.string(),
      severity: z.string(),
      current: PrioritySchema,
      proposed: PrioritySchema,
      /** Which rule (1-based) decides the proposed priority; null = the severity default. */
      rule: z.number().int().positive().nullable(),
    }),
  ),
  /** How many of them would change priority. */
  changed: z.number().int().nonnegative(),
});
export type PriorityPreview = z.infer<typeof PriorityPreviewSchema>;

/** `POST /api/v1/services/:id/test-alert`: an optional summary and severity (default info) for the test incident. */
export const TestAlertSchema = z.object({ summary: z.string().trim().min(1).max(200).optional(), severity: SeveritySchema.optional() }).strict();
