import type { TwilioConfig } from '../shared/config/twilio-config.js';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { Log } from './adapters/log/create-logger.js';
import { createEmailChannel } from './adapters/mail/email-channel.js';
import { createMailer } from './adapters/mail/mailer.js';
import type { Metrics } from './adapters/metrics/create-metrics.js';
import { failoverJob, sendJob, stepJob } from './app/escalation/escalation-jobs.js';
import { createEscalator } from './app/escalation/escalator.js';
import { createFailoverMailer } from './app/escalation/failover-mailer.js';
import { createLevelSender } from './app/escalation/level-sender.js';
import { levelJob } from './app/escalation/page-queue.js';
import { createDeliveryReceipts } from './app/devices/delivery-receipts.js';
import { createPageSender } from './app/escalation/page-sender.js';
import { createReachability } from './app/escalation/reachability.js';
import { findUnreachablePeople } from './app/escalation/unreachable-people.js';
import { createIncidentFeed } from './app/feed/incident-feed.js';
import { createGroupCommit } from './app/incidents/group-commit.js';
import { createIncidentActions } from './app/incidents/incident-actions.js';
import { createIncidentRecords } from './app/incidents/incident-records.js';
import { createNeedToKnowList } from './app/incidents/need-to-know-list.js';
import { createConfiguredLabels } from './app/metrics/configured-labels.js';
import { attachOutcomeMetrics } from './app/metrics/outcome-metrics.js';
import { createReleaseHandler, releaseJob } from './app/intake/deferral.js';
import { createIntakeService, type IntakeService } from './app/intake/intake-service.js';
import { createPriorityRules } from './app/intake/priority-rules.js';
import { createJobRunner, type JobRunner } from './app/jobs/job-runner.js';
import { nodeIdFor } from './app/jobs/node-id.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { Store } from './app/ports/store.js';
import type { Settings } from './settings.js';
import { registerIngest } from './transport/http/ingest/register-ingest.js';
import { registerIncidentDetailRoutes } from './transport/http/routes/incident-detail-routes.js';
import { registerPageRoutes } from './transport/http/routes/page-routes.js';
import { createAdHocPages } from './app/pages/ad-hoc-page.js';
import { registerIncidentRoutes } from './transport/http/routes/incident-routes.js';
import { createSavedSearches } from './app/history/saved-searches.js';
import { registerSavedSearchRoutes } from './transport/http/routes/saved-search-routes.js';
import { registerNeedToKnowRoutes } from './transport/http/routes/need-to-know-routes.js';
import { registerPagingHealthRoutes } from './transport/http/routes/paging-health-routes.js';
import { registerServiceRoutes } from './transport/http/routes/service-routes.js';
import { createSmtpIngest, type SmtpIngest } from './transport/smtp/smtp-ingest.js';
import { attachConsoleGateway } from './transport/socket/console-gateway.js';
import type { SocketServer } from './transport/socket/create-socket-server.js';
import { attachDeviceGateway } from './transport/socket/device-gateway.js';
import { createDeviceFanOut, createPhoneLine } from './transport/socket/device-fan-out.js';
import { attachDeviceIncidentWatch } from './transport/socket/device-incident-watch.js';
import { wireOversightFeatures } from './wire-oversight.js';
import { wirePhoneFeatures } from './wire-phones.js';
import type { DemoCommands } from './app/demo/demo-commands.js';
import { wireScheduleFeatures } from './wire-schedules.js';
import { wireClientFeatures } from './wire-clients.js';
import { wireConnectWiseFeatures } from './wire-connectwise.js';
import { wireStatusFeatures } from './wire-status-updates.js';
import type { TeamsChannelConfig } from '../shared/schemas/msteams.js';
import { wireReportFeatures } from './wire-reports.js';
import { wireMaintenanceFeatures } from './wire-maintenance.js';
import { wireIntelFeatures } from './wire-intel.js';
import type { IntelPriorityRule } from '../shared/schemas/intel.js';
import { wireHeartbeatFeatures } from './wire-heartbeats.js';
import type { ConnectWiseConnectionConfig } from '../shared/schemas/connectwise.js';
import type { PostmortemRule } from '../shared/config/postmortem-config.js';
import { wirePostmortemFeatures, type PostmortemFeatures } from './wire-postmortems.js';
import { wirePostmortemExportFeatures } from './wire-postmortem-export.js';
import { wireSimilarFeatures } from './wire-similar.js';
import { wireSnoozeFeatures } from './wire-snooze.js';
import { withSnoozeEnding } from './app/snooze/snooze-ending.js';
import { wireSlackFeatures } from './wire-slack.js';
import type { SlackConfig } from '../shared/config/slack-config.js';

/** What the incident features need from the relay. */
export interface IncidentFeatureDeps {
  app: FastifyInstance;
  sockets: SocketServer;
  store: Store;
  clock: Clock;
  log: Log;
  metrics: Metrics;
  settings: Settings;
  /** The hash-chained audit trail (records nothing when absent). */
  audit?: AuditTrail;
  /** The config file's ConnectWise connections (absent without a config file). */
  connectwise?: readonly ConnectWiseConnectionConfig[];
  /** The config file's rules that ask for a post-mortem (none without a config file). */
  postmortemRules?: readonly PostmortemRule[];
  /** The config file's rules that raise the priority of incidents matching threat intelligence (none without a config file). */
  intelRules?: readonly IntelPriorityRule[];
  /** The config file's Slack app connection (absent: Slack is off). */
  slack?: SlackConfig;
  /** `channels.twilio` of the config file: SMS and voice pages (off without it). */
  twilio?: TwilioConfig | undefined;
  /** The config file's Microsoft Teams channels (issue 17). */
  teamsChannels?: readonly TeamsChannelConfig[];
}

/** The running incident features: started after the HTTP server listens, stopped before it closes. */
export interface IncidentFeatures {
  readonly runner: JobRunner;
  /** The intake (every alert's way in), for the admin screens' test alerts. */
  readonly intake: IntakeService;
  /** Post-mortems (issue 14), for the features that read them (exports). */
  readonly postmortems: PostmortemFeatures;
  /** The commands the `KLAXON_DEMO` simulated team uses (the phone gateway's own). */
  readonly demoCommands: DemoCommands;
  /** Starts the due-work runner and SMTP ingest; `url` is where the relay listens. */
  start(url: string): Promise<void>;
  /**
   * The start-up check: logs, without waiting for it, the people escalations may page who cannot be
   * reached on any channel. Called once the start-up steps that pair phones (the demo's) are done.
   */
  warnUnreachable(): void;
  stop(): Promise<void>;
}

/**
 * Wires intake, incidents, escalation and paging onto the relay: the ingest routes and SMTP server,
 * the incidents API, the console and device gateways, and the job runner with its handlers.
 * Registers routes at once (before `listen`).
 */
export async function wireIncidentFeatures(deps: IncidentFeatureDeps): Promise<IncidentFeatures> {
  const { app, sockets, store, clock, log, metrics, settings, audit } = deps;
  const feed = createIncidentFeed((error) => log.error({ err: error }, 'feed listener failed'));
  attachOutcomeMetrics({ feed, metrics: metrics.outcomes, labelsOf: createConfiguredLabels(store, clock), incidentOf: (id) => store.getIncident(id), onError: (error) => log.warn({ err: error }, 'outcome metrics failed') });
  // The runner is built last (its handlers need everything else); pokes before then are not needed.
  let runner: JobRunner | undefined = undefined;
  const commit = {
    store,
    feed,
    pokeJobs: (at: Date) => runner?.poke(at),
    onEffectError: (error: unknown) => log.error({ err: error }, 'an after-commit step failed; the change itself is committed'),
  };
  // Ingests, escalation steps and level records committed at the same moment share one transaction (one fsync on SQLite).
  const group = createGroupCommit({ ...commit, clock });
  let baseUrl = settings.publicUrl ?? '';
  const incidentUrl = (incidentId: string) => `${baseUrl}/#/incidents/${encodeURIComponent(incidentId)}`;

  // Phones' delivery receipts are written behind, many per transaction (see delivery-receipts.ts).
  const receipts = createDeliveryReceipts({ ...commit, clock, log, group });
  // A relay running alone rings the phones connected to it from the step's own commit (see PhoneLine).
  const alone = store.engine === 'sqlite' && !settings.redisUrl;
  const ringFailed = (error: unknown, page: { id: string }) => log.error({ err: error, pageId: page.id }, 'ringing a phone failed; the page waits for its replay');
  const ring = alone ? { line: createPhoneLine(sockets.device, receipts.delivered, ringFailed), pagesSent: metrics.pagesSent } : undefined;
  const escalator = createEscalator({ ...commit, clock, log, metrics, failedPagesMoveOn: settings.failedPageMovesOn, group, ring });
  // Resolving ends a snooze, whichever way the incident is resolved.
  const lifecycle = withSnoozeEnding(escalator.lifecycle);
  const clients = wireClientFeatures({ app, console: sockets.console, store, clock, audit });
  const maintenance = wireMaintenanceFeatures({ app, console: sockets.console, commit, clock, lifecycle, audit });
  const intel = await wireIntelFeatures({ app, console: sockets.console, store, clock, log, metrics, feed, lifecycle, rules: deps.intelRules, audit });
  const actions = createIncidentActions({ ...commit, clock, lifecycle, onFalsePositive: (n) => metrics.falsePositives.inc(n), audit });
  const intake = createIntakeService({
    ...commit,
    clock,
    metrics,
    lifecycle,
    priorityRules: createPriorityRules(clients.directory),
    maintenance: maintenance.gate,
    intel: intel.matcher,
    rate: { perMinute: settings.ingestRate, burst: settings.ingestBurst },
    group,
  });

  const connectwise = await wireConnectWiseFeatures({ app, commit, clock, log, settings, lifecycle, incidentUrl, config: deps.connectwise, audit });
  await registerIngest(app, { intake: connectwise.filterIntake(intake), metrics, clock });
  const heartbeats = await wireHeartbeatFeatures({ app, commit, clock, metrics, intake });
  registerIncidentRoutes(app, { store, actions, audit, affectedProcesses: clients.affectedProcesses });
  registerSavedSearchRoutes(app, { savedSearches: createSavedSearches({ store, clock, audit }) });
  registerNeedToKnowRoutes(app, { list: createNeedToKnowList({ ...commit, clock, audit }) });
  await registerIncidentDetailRoutes(app, { store, records: createIncidentRecords({ ...commit, clock }), escalator });
  registerPageRoutes(app, { pages: createAdHocPages({ ...commit, clock, audit }) });
  registerServiceRoutes(app, { store, audit });
  wireOversightFeatures({ app, store, clock, settings, audit });
  wireScheduleFeatures({ app, console: sockets.console, store, clock, settings, audit });
  wireReportFeatures({ app, store, clock });
  const postmortems = wirePostmortemFeatures({ app, console: sockets.console, store, clock, log, feed, rules: deps.postmortemRules, audit });
  wirePostmortemExportFeatures({ app, store, log, settings, load: postmortems.load, incidentUrl, audit });
  wireSimilarFeatures({ app, commit, clock, log });
  attachConsoleGateway(sockets.console, { store, feed, actions, log });
  const snooze = wireSnoozeFeatures({ app, console: sockets.console, device: sockets.device, commit, clock, log, audit, startNewRun: escalator.startNewRunIn });
  // Slack (issue 17): channel posts, buttons, /klaxon link, direct-message pages. Read goes through the phones' escalator, built below.
  const slack = await wireSlackFeatures({
    app, commit, clock, log, actions, audit, incidentUrl, config: deps.slack,
    escalateNow: (userId, incidentId) => escalator.escalateNow(userId, incidentId),
    pageRead: (userId, pageId) => phones.escalator.pageRead(userId, pageId),
    baseUrl: () => baseUrl,
  });
  const mailer = createMailer(settings.mailUrl);
  const status = wireStatusFeatures({ app, commit, clock, log, settings, mailer, incidentUrl, teamsChannels: deps.teamsChannels, audit, slack: slack.statusPoster, slackChannels: slack.channels });
  // The signed action links come from the phone features, built next; a page is sent only after both exist.
  const email = createEmailChannel(mailer, incidentUrl, {
    actions: (pageId) => phones.links.forPage(pageId, clock.now()),
    serviceName: async (serviceId) => (await store.getService(serviceId))?.name ?? serviceId,
  });
  const unreachable = () => findUnreachablePeople({ store, mailConfigured: mailer.configured, pushoverConfigured: !!settings.pushoverToken, slackLinked: slack.linked, twilioConfigured: !!deps.twilio });
  registerPagingHealthRoutes(app, { unreachable });
  const phones = await wirePhoneFeatures({ app, device: sockets.device, store, clock, log, settings, escalator, actions, email, slack: slack.sender, audit, baseUrl: () => baseUrl, twilio: deps.twilio });
  const push = attachDeviceGateway(sockets.device, { store, escalator: phones.escalator, actions, log, delivered: receipts.delivered, flushReceipts: receipts.flush });
  const fanOut = createDeviceFanOut(sockets.device, { store, delivered: receipts.delivered });
  attachDeviceIncidentWatch(sockets.device, { store, feed, log });

  runner = createJobRunner({
    store,
    clock,
    owner: await nodeIdFor(store, `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`),
    onError: (error, job) => log.error({ err: error, jobId: job?.id, kind: job?.kind }, 'due job failed'),
    handlers: {
      [releaseJob.kind]: createReleaseHandler({ ...commit, clock, lifecycle }),
      [stepJob.kind]: escalator.stepHandler,
      [sendJob.kind]: createPageSender({
        ...commit,
        clock,
        log,
        metrics,
        senders: { ...phones.senders(push), email, ...(slack.sender ? { slack: slack.sender } : {}) },
        reachability: createReachability(store),
        onPageFailed: escalator.pageFailedIn,
        webPush: phones.webPushSender(),
        gate: receipts.gate,
      }),
      [levelJob.kind]: createLevelSender({
        ...commit,
        clock,
        log,
        metrics,
        push: fanOut,
        reachability: createReachability(store),
        webPushUsers: (userIds) => store.usersWithPushSubscriptions(userIds),
        onPageFailed: escalator.pageFailedIn,
        gate: receipts.gate,
        group,
      }),
      [failoverJob.kind]: createFailoverMailer({ ...commit, clock, log, mailer, incidentUrl }),
      ...connectwise.handlers,
      ...maintenance.handlers,
      ...heartbeats.handlers,
      ...snooze.handlers,
      ...status.handlers,
    },
  });

  let smtp: SmtpIngest | undefined;
  let stopping: Promise<void> | undefined;
  return {
    runner,
    intake,
    postmortems,
    demoCommands: { escalator: phones.escalator, actions },
    async start(url) {
      if (!settings.publicUrl) baseUrl = url;
      if (settings.smtpPort) {
        smtp = createSmtpIngest({
          intake: heartbeats.mailIntake(intake),
          metrics,
          log,
          clock,
          maxBytes: settings.smtpMaxBytes,
          ...(settings.smtpTlsKey && settings.smtpTlsCert ? { tls: { keyFile: settings.smtpTlsKey, certFile: settings.smtpTlsCert } } : {}),
        });
        const port = await smtp.listen(settings.smtpPort, settings.host);
        log.info({ port, starttls: !!settings.smtpTlsKey }, 'smtp ingest listening');
      }
      const relayDown = await heartbeats.start();
      if (relayDown) log.warn({ heartbeats: relayDown }, 'heartbeat deadlines passed while no relay was running: marked relay-down, with fresh deadlines');
      await runner!.start();
      slack.start();
    },
    warnUnreachable() {
      // The check reads every person's contacts: start-up does not wait for it.
      void unreachable().then(
        (people) => {
          if (people.length) log.warn({ people: people.map((p) => ({ userId: p.userId, reasons: p.reasons })) }, 'people escalations may page cannot be reached');
        },
        (error: unknown) => log.warn({ err: error }, 'the start-up check of unreachable people failed'),
      );
    },
    stop() {
      return (stopping ??= (async () => {
        await smtp?.close();
        await runner!.stop();
        await heartbeats.stop().catch((error: unknown) => log.warn({ err: error }, 'could not note when the relay stopped'));
        await receipts.close();
        connectwise.stop();
        await slack.stop();
        status.stop();
        mailer.close();
      })());
    },
  };
}
