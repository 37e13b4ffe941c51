import type { StatusUpdate } from '../../../shared/schemas/status-update.js';
import { confidentialContext, DEFAULT_STATUS_TEMPLATES, renderStatusUpdate, type StatusContext } from '../../../shared/status-updates/status-templates.js';
import { type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { JobHandler } from '../jobs/job-runner.js';
import type { JobRecord } from '../ports/store.js';
import type { TeamsWebhook } from '../ports/teams-webhook.js';
import type { TeamsChannels } from '../msteams/teams-channels.js';
import type { SlackStatusPoster } from '../slack/slack-status-poster.js';
import { slackEscape } from '../../core/slack/slack-escape.js';

/** How many times a status update's sends are tried before the rest are recorded as failed. */
export const STATUS_MAX_ATTEMPTS = 5;

/** The due row that sends one status update: the addresses and channels still to reach. */
export const statusDeliverJob = {
  kind: 'status.deliver',
  id: (updateId: string) => `status:${updateId}`,
  make: (update: StatusUpdate, emails: string[], channels: string[], slack: boolean, dueAt: Date): Omit<JobRecord, 'attempts'> => ({
    id: statusDeliverJob.id(update.id),
    kind: statusDeliverJob.kind,
    incidentId: update.incidentId,
    dueAt,
    payload: { updateId: update.id, emails, channels, slack },
  }),
};

/** Sends one e-mail; throws when the mail server refuses or cannot be reached. */
export interface StatusMailer {
  /** Whether there is an outbound mail server at all: without one an e-mail fails for good, not for now. */
  readonly configured: boolean;
  send(message: { to: string[]; subject: string; text: string }): Promise<void>;
}

/** What delivery needs. */
export interface StatusDeliveryDeps extends CommitDeps {
  mail: StatusMailer;
  channels: TeamsChannels;
  teams: TeamsWebhook;
  /** Where an incident opens in Klaxon (the Teams card's "Open in Klaxon"). */
  incidentUrl: (incidentId: string) => string;
  /** Formats the incident's opening time for stakeholders. */
  formatTime: (iso: string) => string;
  /** Posts the update in the incident's Slack thread (absent: Slack is not set up). */
  slack?: SlackStatusPoster | undefined;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * Why a mail to `to` failed, without the address: the reason goes on the incident's timeline, which
 * people who may not see the subscriber list read too.
 */
function mailFailure(error: unknown, to: string): string {
  const reasons = [error, (error as { cause?: unknown } | null)?.cause].map((e) => (e instanceof Error ? e.message : e === undefined ? '' : String(e)));
  return reasons.filter(Boolean).join(': ').replaceAll(to, 'a stakeholder');
}

/**
 * Sends a status update: renders the stage's template (the edited one, else the default), e-mails
 * each stakeholder on their own (no one sees another's address), posts the Teams channels, and
 * replies in the incident's Slack thread when Slack is set up (redacted as on Teams). What
 * was reached is recorded on the timeline (`status.sent`, with counts); what failed is tried again
 * with a growing delay, and after `STATUS_MAX_ATTEMPTS` recorded as `status.failed` with the reason.
 */
export function createStatusDeliveryHandler(deps: StatusDeliveryDeps): JobHandler {
  return async (job, now) => {
    const update = await deps.store.getStatusUpdate(String(job.payload.updateId));
    const incident = update ? await deps.store.getIncident(update.incidentId) : undefined;
    if (!update || !incident) return;
    const actor = { type: 'system' as const, id: 'status-updates' };
    // Made confidential after the update was posted: nobody chose to send it so, so nothing goes out.
    if (incident.confidential && !update.confidential) {
      await commitAndPublish(deps, now, (changes) =>
        changes.timeline(incident.id, 'status.failed', actor, {
          updateId: update.id,
          stage: update.stage,
          emails: strings(job.payload.emails).length,
          channels: strings(job.payload.channels).length,
          slack: job.payload.slack === true ? 1 : 0,
          error: 'not sent: the incident became confidential after the update was posted; post it again to send it',
          attempts: Math.max(1, job.attempts),
        }),
      );
      return;
    }
    const edited = (await deps.store.listStatusTemplates()).find((t) => t.stage === update.stage);
    const service = await deps.store.getService(incident.serviceId);
    const client = incident.clientId ? (await deps.store.getClientRecord(incident.clientId))?.client : undefined;
    const context: StatusContext = {
      summary: incident.summary,
      service: service?.name ?? incident.serviceId,
      client: client?.name ?? 'no client',
      stage: update.stage,
      message: update.message,
      opened: deps.formatTime(incident.firstSeenAt),
    };
    // Posted confidential: the manager chose to send, but only the redacted context.
    const confidential = update.confidential;
    const template = edited ?? DEFAULT_STATUS_TEMPLATES[update.stage];
    const text = renderStatusUpdate(template, confidential ? confidentialContext(context, 'email') : context);
    const card = renderStatusUpdate(template, confidential ? confidentialContext(context, 'teams') : context);

    const failedEmails: string[] = [];
    const failedChannels: string[] = [];
    let lastError = '';
    let retryable = false;
    let sentEmails = 0;
    let sentChannels = 0;
    let sentSlack = 0;
    // Slack is tried on the first run and again only while it failed (`slack: false` once done). A
    // Slack leg the post counted on that can no longer go anywhere fails for good, never silently.
    let failedSlack = false;
    let lostSlack = false;
    if (job.payload.slack === true && !deps.slack) {
      lostSlack = true;
      lastError = 'Slack: not set up on this relay any more';
    } else if (deps.slack && job.payload.slack !== false) {
      try {
        if (await deps.slack(incident, `*${slackEscape(card.subject, 300)}*\n${slackEscape(card.body, 3_000)}`)) sentSlack = 1;
        else if (job.payload.slack === true) {
          lostSlack = true;
          lastError = 'Slack: the incident has no Slack channel any more';
        }
      } catch (error) {
        failedSlack = true;
        retryable = true;
        lastError = `Slack: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    for (const to of strings(job.payload.emails)) {
      if (!deps.mail.configured) {
        // No server to try again later: these fail now, with the reason, unless another leg is retried.
        failedEmails.push(to);
        lastError = 'e-mail: no outbound mail server (set KLAXON_MAIL_URL)';
        continue;
      }
      try {
        await deps.mail.send({ to: [to], subject: text.subject, text: text.body });
        sentEmails += 1;
      } catch (error) {
        failedEmails.push(to);
        retryable = true;
        lastError = `e-mail: ${mailFailure(error, to)}`;
      }
    }
    for (const id of strings(job.payload.channels)) {
      const channel = deps.channels.byId(id);
      const result = channel ? await deps.teams.postStatus(channel.webhookUrl, { ...card, incidentUrl: deps.incidentUrl(incident.id) }, now) : { ok: false as const, retryable: false, error: 'the channel is no longer set up' };
      if (result.ok) sentChannels += 1;
      else {
        failedChannels.push(id);
        retryable ||= result.retryable;
        lastError = `Teams ${id}: ${result.error}`;
      }
    }

    // Claiming a row counts it as an attempt: this run is attempt number `job.attempts`.
    const attempts = Math.max(1, job.attempts);
    const left = failedEmails.length + failedChannels.length + (failedSlack || lostSlack ? 1 : 0);
    const again = left > 0 && retryable && attempts < STATUS_MAX_ATTEMPTS;
    await commitAndPublish(deps, now, async (changes) => {
      if (sentEmails + sentChannels + sentSlack > 0) {
        await changes.timeline(incident.id, 'status.sent', actor, { updateId: update.id, stage: update.stage, emails: sentEmails, channels: sentChannels, slack: sentSlack, attempt: attempts });
      }
      if (again) {
        const dueAt = new Date(now.getTime() + Math.min(300_000, 10_000 * 2 ** (attempts - 1)));
        await changes.tx.upsertJob({ ...job, attempts, dueAt, payload: { ...job.payload, emails: failedEmails, channels: failedChannels, slack: failedSlack } });
        changes.dueAts.push(dueAt);
      } else if (left > 0) {
        await changes.timeline(incident.id, 'status.failed', actor, { updateId: update.id, stage: update.stage, emails: failedEmails.length, channels: failedChannels.length, slack: failedSlack || lostSlack ? 1 : 0, error: lastError.slice(0, 300), attempts });
      }
    });
  };
}
