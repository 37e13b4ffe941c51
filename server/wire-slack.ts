import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { CommandResult } from '../shared/schemas/command.js';
import type { SlackConnectionStatus } from '../shared/schemas/slack.js';
import type { SlackConfig } from '../shared/config/slack-config.js';
import type { Log } from './adapters/log/create-logger.js';
import { createSlackDmNotifier } from './adapters/notify/slack-dm.js';
import { incidentMessage } from './adapters/slack/incident-blocks.js';
import { createSlackClient } from './adapters/slack/slack-client.js';
import { startSlackSocketMode, type SlackSocketMode } from './adapters/slack/slack-socket-mode.js';
import type { ChannelSender } from './app/escalation/page-sender.js';
import type { CommitDeps } from './app/incidents/change-set.js';
import type { IncidentActions } from './app/incidents/incident-actions.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import { createSlackInboxHandler } from './app/slack/slack-inbox-handler.js';
import type { SlackInbox } from './app/slack/slack-inbox.js';
import { createSlackLinks } from './app/slack/slack-links.js';
import { createSlackPageSender } from './app/slack/slack-page-sender.js';
import { createSlackPoster, type SlackPoster } from './app/slack/slack-poster.js';
import { createSlackStatusPoster, type SlackStatusPoster } from './app/slack/slack-status-poster.js';
import type { SlackChannelMap } from './core/slack/channel-for.js';
import { registerSlackRoutes } from './transport/http/routes/slack-routes.js';

/** What the Slack features need from the relay. */
export interface SlackFeatureDeps {
  app: FastifyInstance;
  commit: CommitDeps;
  clock: Clock;
  log: Log;
  actions: Pick<IncidentActions, 'acknowledge' | 'resolve'>;
  escalateNow(userId: string, incidentId: string): Promise<CommandResult<undefined>>;
  /** Marks a page read (the phones' escalator: a read there also silences Pushover). */
  pageRead(userId: string, pageId: string): Promise<CommandResult<undefined>>;
  incidentUrl: (incidentId: string) => string;
  baseUrl: () => string;
  /** The config file's `slack` section (none: Slack is off, its routes say so). */
  config?: SlackConfig;
  audit?: AuditTrail;
  /** Where secrets named by environment variables are read; `process.env` by default. */
  env?: Record<string, string | undefined>;
}

/** The wired Slack features. */
export interface SlackFeatures {
  /** The page sender's `slack` channel (direct messages); absent without a Slack connection. */
  readonly sender: ChannelSender | undefined;
  /** Whether a person has linked a Slack account; absent without a Slack connection. */
  readonly linked: ((userId: string) => Promise<boolean>) | undefined;
  /** Replies with stakeholder status updates in incidents' threads; absent without a Slack connection. */
  readonly statusPoster: SlackStatusPoster | undefined;
  /** Where incidents post (the config's `slack.channels`); absent without a Slack connection. */
  readonly channels: SlackChannelMap | undefined;
  /** Opens Socket Mode and asks Slack who the bot is (neither holds up the start). */
  start(): void;
  /** Resolves once every incident change heard so far is posted (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Reads a secret from the environment variable or file the config names; throws naming the field. */
async function secretOf(name: string, envName: string | undefined, file: string | undefined, env: Record<string, string | undefined>): Promise<string | undefined> {
  if (envName) {
    const value = env[envName]?.trim();
    if (!value) throw new Error(`slack.${name}Env: the environment variable ${envName} is not set`);
    return value;
  }
  if (!file) return undefined;
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new Error(`slack.${name}File: cannot read ${file}`, { cause });
  });
  if (!text.trim()) throw new Error(`slack.${name}File: ${file} is empty`);
  return text.trim();
}

/**
 * Wires Slack (issue 17): the link routes and status (always, so the console can tell Slack is off),
 * and with a `slack` config section the Web API client, the poster that keeps one message per
 * incident in its channel, the inbox for buttons and `/klaxon` commands over Socket Mode and/or the
 * signed request URL, and the direct-message page channel. Secrets come from the environment or
 * files and are never logged. Registers routes at once (before `listen`).
 */
export async function wireSlackFeatures(deps: SlackFeatureDeps): Promise<SlackFeatures> {
  const { commit, clock, log, config } = deps;
  const { store } = commit;
  const env = deps.env ?? process.env;
  const botToken = config ? await secretOf('botToken', config.botTokenEnv, config.botTokenFile, env) : undefined;
  const appToken = config ? await secretOf('appToken', config.appTokenEnv, config.appTokenFile, env) : undefined;
  const signingSecret = config ? await secretOf('signingSecret', config.signingSecretEnv, config.signingSecretFile, env) : undefined;
  const links = createSlackLinks({ store, clock, available: !!botToken, audit: deps.audit });
  const api = botToken ? createSlackClient({ botToken, apiUrl: config?.apiUrl, log }) : undefined;

  let workspace: string | null = null;
  let lastError: string | null = null;
  let socket: SlackSocketMode | undefined;
  const refuse = async () => {
    throw new Error('Slack is not set up on this relay');
  };
  const inbox: SlackInbox = api
    ? createSlackInboxHandler({ store, api, links, actions: deps.actions, escalateNow: deps.escalateNow, pageRead: deps.pageRead, log })
    : { press: refuse, command: async () => 'Slack is not set up on this Klaxon relay.' };
  const channels = config?.channels ?? { services: {}, teams: {} };
  const status = (): SlackConnectionStatus => ({
    configured: !!api,
    modes: [...(appToken ? (['socket'] as const) : []), ...(signingSecret ? (['request-url'] as const) : [])],
    socketConnected: socket?.connected() ?? false,
    workspace,
    channels: { default: channels.default ?? null, services: { ...channels.services }, teams: { ...channels.teams } },
    lastError,
  });
  registerSlackRoutes(deps.app, {
    links,
    inbox,
    clock,
    signingSecret,
    status,
    onPressError: (error) => log.error({ err: error }, 'slack: handling a button press failed'),
  });

  let poster: SlackPoster | undefined;
  if (api) {
    poster = createSlackPoster({
      store,
      feed: commit.feed,
      api,
      channels,
      log,
      clock,
      onError: (message) => (lastError = message),
      render: async (incident) => {
        const service = await store.getService(incident.serviceId);
        const client = incident.clientId ? await store.getClientRecord(incident.clientId) : undefined;
        return incidentMessage({
          incident,
          serviceName: service?.name ?? incident.serviceId,
          clientName: client && !client.deletedAt ? client.client.name : null,
          url: deps.incidentUrl(incident.id),
        });
      },
    });
  }
  const sender = api ? createSlackPageSender({ store, notifier: createSlackDmNotifier({ api }), baseUrl: deps.baseUrl }) : undefined;
  return {
    sender,
    linked: api ? async (userId) => !!(await store.getSlackLinkOfUser(userId)) : undefined,
    statusPoster: api ? createSlackStatusPoster({ store, api, channels }) : undefined,
    channels: api ? channels : undefined,
    start() {
      if (!api) return;
      log.info({ modes: status().modes, channels: Object.keys(channels.services).length + Object.keys(channels.teams).length + (channels.default ? 1 : 0) }, 'slack: app connection configured');
      void api.whoAmI().then(
        (me) => (workspace = me.team || me.teamId),
        (error: unknown) => {
          lastError = error instanceof Error ? error.message : String(error);
          log.warn({ err: error }, 'slack: auth.test failed (is the bot token right?)');
        },
      );
      if (appToken) socket = startSlackSocketMode({ appToken, apiUrl: config?.apiUrl, log, inbox });
      void poster?.sweep().catch((error: unknown) => log.warn({ err: error }, 'slack: catching up on unposted incidents failed'));
    },
    idle: async () => poster?.idle(),
    async stop() {
      poster?.stop();
      await socket?.stop();
    },
  };
}
