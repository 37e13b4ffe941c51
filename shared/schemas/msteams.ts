import { z } from 'zod';
import { SlugSchema } from './common.js';
import { PrioritySchema } from './priority.js';

/**
 * A Microsoft Teams channel as the config file declares it: the channel's incoming webhook (a Teams
 * Workflows "post to a channel when a webhook request is received" URL, or a classic incoming
 * webhook) is read from the environment variable `webhookUrlEnv` (the URL is a secret: anyone who has
 * it can post). Incidents of the named services or clients (every incident when neither is given) at
 * `fromPriority` or above are posted as Adaptive Cards, and the channel receives stakeholder status
 * updates unless `statusUpdates` is false.
 */
export const TeamsChannelConfigSchema = z.object({
  id: SlugSchema,
  webhookUrlEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'use an environment variable name such as TEAMS_NOC_WEBHOOK'),
  services: z.array(SlugSchema).default([]),
  clients: z.array(SlugSchema).default([]),
  fromPriority: PrioritySchema.default('low'),
  statusUpdates: z.boolean().default(true),
});
export type TeamsChannelConfig = z.infer<typeof TeamsChannelConfigSchema>;

/** The config file's `microsoftTeams` section. */
export const MicrosoftTeamsConfigSchema = z.object({
  channels: z.array(TeamsChannelConfigSchema).default([]),
});
export type MicrosoftTeamsConfig = z.infer<typeof MicrosoftTeamsConfigSchema>;
