import { createSilentLogger } from '../../server/adapters/log/create-logger.js';
import { recordDeliveries } from '../../server/app/devices/delivery-receipts.js';
import { createEmailChannel } from '../../server/adapters/mail/email-channel.js';
import type { MailMessage, Mailer } from '../../server/adapters/mail/mailer.js';
import { failoverJob, sendJob, stepJob } from '../../server/app/escalation/escalation-jobs.js';
import { createEscalator, type Escalator } from '../../server/app/escalation/escalator.js';
import { createFailoverMailer } from '../../server/app/escalation/failover-mailer.js';
import { batchOf, createLevelSender } from '../../server/app/escalation/level-sender.js';
import { levelJob } from '../../server/app/escalation/page-queue.js';
import type { PhoneLine } from '../../server/app/escalation/phone-line.js';
import { createPageSender, type ChannelSender } from '../../server/app/escalation/page-sender.js';
import { createIncidentFeed, type FeedChange } from '../../server/app/feed/incident-feed.js';
import { commitAndPublish } from '../../server/app/incidents/change-set.js';
import { createGroupCommit } from '../../server/app/incidents/group-commit.js';
import { createIncidentActions, type IncidentActions } from '../../server/app/incidents/incident-actions.js';
import { createReleaseHandler, releaseJob } from '../../server/app/intake/deferral.js';
import type { IngestDeps } from '../../server/app/intake/ingest-alerts.js';
import { createPriorityRules } from '../../server/app/intake/priority-rules.js';
import { createJobRunner, type JobHandler, type JobRunner } from '../../server/app/jobs/job-runner.js';
import type { Clock } from '../../server/app/ports/clock.js';
import type { JobRecord, Store } from '../../server/app/ports/store.js';
import { createSnoozeEndHandler } from '../../server/app/snooze/snooze-end-handler.js';
import { withSnoozeEnding } from '../../server/app/snooze/snooze-ending.js';
import { snoozeEndJob } from '../../server/app/snooze/snooze-jobs.js';
import { createSnoozeService, type SnoozeService } from '../../server/app/snooze/snooze-service.js';

/** One push a phone would have received. */
export interface RecordedPush {
  pageId: string;
  channel: string;
  incidentId: string;
  userId: string;
  attempt: number;
  at: string;
}

/** A counter that remembers how often it was raised. */
export interface CountingCounter {
  count: number;
  inc(labels?: unknown): void;
}

const counter = (): CountingCounter => ({
  count: 0,
  inc() {
    this.count += 1;
  },
});

/** How to build the harness. */
export interface PagingHarnessOptions {
  store: Store;
  clock: Clock;
  /** Wraps the `escalation.step` handler (the lateness benchmark measures through it). */
  wrapStep?: (handler: JobHandler) => JobHandler;
  /** Wakes the runner when a transaction adds a job (a real relay does; manual-clock tests drain instead). */
  pokeRunner?: boolean;
  /** Builds the runner (a benchmark may compare another runner); `createJobRunner` by default. */
  createRunner?: typeof createJobRunner;
  /** Reports a failed job; by default the error is kept in `errors`. */
  onError?: (error: unknown, job?: JobRecord) => void;
  /**
   * Whether steps ring the phones that are not offline straight from their commit, as a relay
   * running alone does (see PhoneLine); true by default. False sends every level through its job.
   */
  ringHere?: boolean;
}

/**
 * The escalation and paging app layer as `wire-incidents.ts` builds it — escalator, page sender,
 * failover mailer, incident actions and the job runner with the real handlers — around fake ringing
 * channels (push, ntfy and Pushover: a phone per user, offline on request) and a fake mailer that
 * record what they were given.
 */
export interface PagingHarness {
  readonly escalator: Escalator;
  readonly actions: IncidentActions;
  /** Snooze and un-snooze, as the API and console call them. */
  readonly snooze: SnoozeService;
  readonly runner: JobRunner;
  /** What ingest needs, with the escalator as the incident lifecycle. */
  readonly ingestDeps: IngestDeps;
  /** Every page sent on a ringing channel (push, ntfy, Pushover) to a reachable phone, in order. */
  readonly pushes: RecordedPush[];
  /** Every e-mail sent (pages on the e-mail channel and failover reports), in order. */
  readonly mails: MailMessage[];
  /** Everything published to the incident feed. */
  readonly published: FeedChange[];
  /** Errors of failed jobs. */
  readonly errors: unknown[];
  readonly metrics: { escalations: CountingCounter; failovers: CountingCounter; pagesRead: CountingCounter; pagesSent: CountingCounter };
  /** Users whose phone is offline: their pushes come back `unreachable`. */
  readonly offline: Set<string>;
  /** Runs due jobs until none is left due at the clock's time; returns how many ran. */
  drain(): Promise<number>;
  /** Records that a phone confirmed page `pageId`, as the relay's delivery receipts write it. */
  delivered(pageId: string): Promise<void>;
}

/** Builds the harness on `store` and `clock`. */
export function createPagingHarness(options: PagingHarnessOptions): PagingHarness {
  const { store, clock } = options;
  const log = createSilentLogger();
  const feed = createIncidentFeed();
  const published: FeedChange[] = [];
  feed.subscribe((change) => published.push(change));
  // The runner is built below, after the handlers that commit through `commit`.
  const wake: { runner?: JobRunner } = {};
  const commit = { store, feed, pokeJobs: (at: Date) => (options.pokeRunner ? wake.runner?.poke(at) : undefined) };
  const metrics = { escalations: counter(), failovers: counter(), pagesRead: counter(), pagesSent: counter() };
  const errors: unknown[] = [];
  const pushes: RecordedPush[] = [];
  const mails: MailMessage[] = [];
  const offline = new Set<string>();

  const push: ChannelSender = async (page, incident, user, attempt) => {
    if (offline.has(user.id)) return { status: 'unreachable' };
    pushes.push({ pageId: page.id, channel: page.channel, incidentId: incident.id, userId: user.id, attempt, at: clock.now().toISOString() });
    return { status: 'sent' };
  };
  const mailer: Mailer = {
    configured: true,
    send: async (message) => void mails.push(message),
    close: () => {},
  };
  const incidentUrl = (id: string) => `http://klaxon.test/#/incidents/${id}`;

  // Ingests, steps and level records share commits, as wire-incidents.ts wires them.
  const group = createGroupCommit({ ...commit, clock });
  const line: PhoneLine = {
    connectedHere: (userId) => !offline.has(userId),
    ring(pages, incident) {
      const at = clock.now().toISOString();
      for (const page of pages) pushes.push({ pageId: page.id, channel: page.channel, incidentId: incident.id, userId: page.userId, attempt: 1, at });
    },
  };
  const ring = options.ringHere === false ? undefined : { line, pagesSent: metrics.pagesSent };
  const escalator = createEscalator({ ...commit, clock, log, metrics, group, ring });
  const lifecycle = withSnoozeEnding(escalator.lifecycle);
  const snooze = createSnoozeService({ ...commit, clock });
  const actions = createIncidentActions({ ...commit, clock, lifecycle, onFalsePositive: () => {} });
  const step = options.wrapStep ? options.wrapStep(escalator.stepHandler) : escalator.stepHandler;
  const runner = (options.createRunner ?? createJobRunner)({
    store,
    clock,
    owner: 'harness',
    onError: options.onError ?? ((error) => void errors.push(error)),
    handlers: {
      [releaseJob.kind]: createReleaseHandler({ ...commit, clock, lifecycle }),
      [stepJob.kind]: step,
      [sendJob.kind]: createPageSender({
        ...commit,
        clock,
        log,
        metrics,
        senders: { push, ntfy: push, pushover: push, email: createEmailChannel(mailer, incidentUrl) },
        onPageFailed: escalator.pageFailedIn,
      }),
      [levelJob.kind]: createLevelSender({ ...commit, clock, log, metrics, push: batchOf(push), onPageFailed: escalator.pageFailedIn, group }),
      [failoverJob.kind]: createFailoverMailer({ ...commit, clock, log, mailer, incidentUrl }),
      [snoozeEndJob.kind]: createSnoozeEndHandler({ ...commit, clock, startNewRun: escalator.startNewRunIn }),
    },
  });
  wake.runner = runner;
  const ingestDeps: IngestDeps = {
    ...commit,
    clock,
    lifecycle,
    priorityRules: createPriorityRules(),
    metrics: { incidentsOpened: counter(), dedupHits: counter() } as unknown as IngestDeps['metrics'],
    group,
  };

  return {
    escalator,
    actions,
    snooze,
    runner,
    ingestDeps,
    pushes,
    mails,
    published,
    errors,
    metrics,
    offline,
    async drain() {
      let total = 0;
      // A job run may add jobs due at once (a step queues its sends): run until nothing is due.
      for (let ran = await runner.runDue(); ran > 0; ran = await runner.runDue()) total += ran;
      return total;
    },
    async delivered(pageId) {
      await commitAndPublish(commit, clock.now(), (changes) => recordDeliveries(changes, [pageId]));
    },
  };
}
