import { z } from 'zod';

/** An environment variable name that holds a secret. */
const EnvNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'use an environment variable name such as SLACK_BOT_TOKEN');

/** A file whose content (trimmed) is a secret, e.g. a mounted container secret. */
const SecretFileSchema = z.string().min(1).max(1000);

/** A Slack conversation: its id (`C0123ABCD`) or its name (`#noc-alerts`). */
export const SlackChannelRefSchema = z
  .string()
  .regex(/^(#[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{2,30})$/, 'use a channel id such as C0123ABCD or a name such as #noc-alerts');

/**
 * Where incidents are posted: the service's channel first, then its team's, then `default`; an
 * incident whose service and team have none (and no default) is not posted.
 */
export const SlackChannelsSchema = z
  .object({
    default: SlackChannelRefSchema.optional(),
    services: z.record(z.string().min(1).max(100), SlackChannelRefSchema).default({}),
    teams: z.record(z.string().min(1).max(100), SlackChannelRefSchema).default({}),
  })
  .strict();

/**
 * The config file's `slack` section: the Slack app connection (see docs/channels.md). Secrets are
 * never written in the file: each names an environment variable (`…Env`) or a file (`…File`). The
 * bot token is required; Socket Mode needs the app-level token (`xapp-…`), the public request URL
 * mode the signing secret; both may be given.
 */
export const SlackConfigSchema = z
  .object({
    botTokenEnv: EnvNameSchema.optional(),
    botTokenFile: SecretFileSchema.optional(),
    appTokenEnv: EnvNameSchema.optional(),
    appTokenFile: SecretFileSchema.optional(),
    signingSecretEnv: EnvNameSchema.optional(),
    signingSecretFile: SecretFileSchema.optional(),
    /** The Web API's base URL (ends with `/api/`); Slack's own by default. Tests point it at a fake. */
    apiUrl: z.url({ protocol: /^https?$/, error: 'use an http(s) URL' }).optional(),
    channels: SlackChannelsSchema.default({ services: {}, teams: {} }),
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (!c.botTokenEnv && !c.botTokenFile) issue('botTokenEnv', 'name the environment variable (or botTokenFile) that holds the bot token (xoxb-…)');
    if (c.botTokenEnv && c.botTokenFile) issue('botTokenFile', 'give botTokenEnv or botTokenFile, not both');
    if (c.appTokenEnv && c.appTokenFile) issue('appTokenFile', 'give appTokenEnv or appTokenFile, not both');
    if (c.signingSecretEnv && c.signingSecretFile) issue('signingSecretFile', 'give signingSecretEnv or signingSecretFile, not both');
    if (!c.appTokenEnv && !c.appTokenFile && !c.signingSecretEnv && !c.signingSecretFile) {
      issue('appTokenEnv', 'name the app-level token (Socket Mode) or the signing secret (request URL), or both, so that button presses reach Klaxon');
    }
  });
export type SlackConfig = z.infer<typeof SlackConfigSchema>;

/** Reports `slack.channels` entries that name a service or team the file does not declare. */
export function checkSlackConfig(
  slack: SlackConfig | undefined,
  known: { services: Set<string>; teams: Set<string> },
  issue: (path: (string | number)[], message: string) => void,
): void {
  if (!slack) return;
  for (const id of Object.keys(slack.channels.services)) {
    if (!known.services.has(id)) issue(['slack', 'channels', 'services', id], `unknown service "${id}"`);
  }
  for (const id of Object.keys(slack.channels.teams)) {
    if (!known.teams.has(id)) issue(['slack', 'channels', 'teams', id], `unknown team "${id}"`);
  }
}
