import type { FastifyInstance } from 'fastify';
import type { TeamsChannelConfig } from '../shared/schemas/msteams.js';
import type { Log } from './adapters/log/create-logger.js';
import type { Mailer } from './adapters/mail/mailer.js';
import { createTeamsWebhook } from './adapters/msteams/teams-webhook.js';
import { createAddressGuard } from './adapters/outbound/address-guard.js';
import { createOutboundFetch } from './adapters/outbound/outbound-fetch.js';
import type { CommitDeps } from './app/incidents/change-set.js';
import type { JobHandler } from './app/jobs/job-runner.js';
import { createTeamsChannels } from './app/msteams/teams-channels.js';
import { createTeamsPostHandler, startTeamsPoster, teamsPostJob } from './app/msteams/teams-poster.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { SlackStatusPoster } from './app/slack/slack-status-poster.js';
import type { SlackChannelMap } from './core/slack/channel-for.js';
import { createStatusDeliveryHandler, statusDeliverJob } from './app/status-updates/status-delivery.js';
import { createStatusUpdates } from './app/status-updates/status-updates.js';
import type { Settings } from './settings.js';
import { stakeholderTime } from '../shared/status-updates/status-templates.js';
import { registerStatusUpdateRoutes } from './transport/http/routes/status-update-routes.js';

/** What Microsoft Teams posting and stakeholder status updates need from the relay. */
export interface StatusFeatureDeps {
  app: FastifyInstance;
  commit: CommitDeps;
  clock: Clock;
  log: Log;
  settings: Settings;
  mailer: Mailer;
  incidentUrl: (incidentId: string) => string;
  /** The config file's `microsoftTeams.channels` (none without a config file). */
  teamsChannels?: readonly TeamsChannelConfig[];
  audit?: AuditTrail;
  env?: Record<string, string | undefined>;
  /** Replies with status updates in incidents' Slack threads (absent: Slack is not set up). */
  slack?: SlackStatusPoster | undefined;
  /** Where incidents post in Slack, to tell whether an update reaches a thread (absent with `slack`). */
  slackChannels?: SlackChannelMap | undefined;
}

/**
 * Wires issue 17's Teams channels and status updates: reads the channels' webhook URLs from the
 * environment (a channel without one is named in a warning and skipped), follows the incident feed to
 * post incident changes, registers the status-update API, and returns the two jobs' handlers. Posts
 * go through the relay's one guarded outbound fetch (`KLAXON_OUTBOUND_ALLOW`).
 */
export function wireStatusFeatures(deps: StatusFeatureDeps): { handlers: Record<string, JobHandler>; idle(): Promise<void>; stop(): void } {
  const { commit, clock, log } = deps;
  const channels = createTeamsChannels(deps.teamsChannels ?? [], deps.env ?? process.env);
  if (channels.missing.length > 0) log.warn({ channels: channels.missing }, 'Teams channels skipped: their webhookUrlEnv variable is not set');
  const teams = createTeamsWebhook(createOutboundFetch({ guard: createAddressGuard(deps.settings.outboundAllow ?? []), log }));
  const poster = startTeamsPoster({ ...commit, clock, channels, teams, incidentUrl: deps.incidentUrl, onError: (error) => log.error({ err: error }, 'Teams poster failed') });
  registerStatusUpdateRoutes(deps.app, { status: createStatusUpdates({ ...commit, clock, channels, audit: deps.audit, slackChannels: deps.slack ? deps.slackChannels : undefined }) });
  return {
    handlers: {
      [teamsPostJob.kind]: createTeamsPostHandler({ ...commit, clock, channels, teams, incidentUrl: deps.incidentUrl }),
      [statusDeliverJob.kind]: createStatusDeliveryHandler({
        ...commit,
        channels,
        teams,
        mail: deps.mailer,
        incidentUrl: deps.incidentUrl,
        formatTime: stakeholderTime,
        slack: deps.slack,
      }),
    },
    idle: () => poster.idle(),
    stop: () => poster.stop(),
  };
}
