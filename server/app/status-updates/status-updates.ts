import { randomUUID } from 'node:crypto';
import type { CommandError, CommandResult } from '../../../shared/schemas/command.js';
import type {
  IncidentStatusUpdates,
  PostStatusUpdate,
  StatusStage,
  StatusSubscriber,
  StatusSubscriberInput,
  StatusTemplateEdit,
  StatusTemplateView,
  StatusUpdate,
} from '../../../shared/schemas/status-update.js';
import { can, rolesFor } from '../../core/access/permissions.js';
import { statusRecipients } from '../../core/status-updates/status-recipients.js';
import { DEFAULT_STATUS_TEMPLATES, STATUS_STAGES } from '../../../shared/status-updates/status-templates.js';
import { type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { Requester } from '../incidents/incident-actions.js';
import { knows, notKnown } from '../incidents/incident-access.js';
import { type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { TeamsChannels } from '../msteams/teams-channels.js';
import { slackChannelFor, type SlackChannelMap } from '../../core/slack/channel-for.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { StoreSession } from '../ports/store.js';
import { statusDeliverJob } from './status-delivery.js';

/** What status updates need. */
export interface StatusUpdateDeps extends CommitDeps {
  clock: Clock;
  channels: TeamsChannels;
  audit?: AuditTrail;
  /** Where incidents post in Slack (absent: Slack is not set up, updates do not go there). */
  slackChannels?: SlackChannelMap | undefined;
}

const refuse = (code: CommandError['code'], message: string, field?: string): { ok: false; error: CommandError } => ({
  ok: false,
  error: { code, message, ...(field ? { field } : {}) },
});

/**
 * Stakeholder status updates (issue 17): managers keep a list of subscribers per service and per
 * client and the words of each stage, and post an update from an incident. Posting commits the
 * update, its `status.posted` timeline event and the durable `status.deliver` row in one transaction;
 * the row sends the e-mails and Teams posts (see `createStatusDeliveryHandler`). A confidential
 * incident sends nothing unless the manager says so (`sendConfidential`), and an update nobody would
 * receive is refused rather than recorded as sent.
 */
export function createStatusUpdates(deps: StatusUpdateDeps) {
  const audit = deps.audit ?? noAuditTrail;
  const manager = (who: Requester) =>
    can(who.role, 'post-status-update') ? undefined : refuse('forbidden', `status updates need the role ${rolesFor('post-status-update').join(' or ')}`);

  const templates = async (): Promise<StatusTemplateView[]> => {
    const edited = new Map((await deps.store.listStatusTemplates()).map((t) => [t.stage, t]));
    return STATUS_STAGES.map((stage) => {
      const t = edited.get(stage);
      return t
        ? { stage, subject: t.subject, body: t.body, edited: true, updatedAt: t.updatedAt.toISOString(), updatedBy: t.updatedBy }
        : { ...DEFAULT_STATUS_TEMPLATES[stage], edited: false, updatedAt: null, updatedBy: null };
    });
  };

  /** Whether an update would reach the incident's Slack thread (its message, or its channel). */
  const reachesSlack = async (session: Pick<StoreSession, 'getSlackMessage'>, incident: Incident): Promise<boolean> =>
    !!deps.slackChannels && ((await session.getSlackMessage(incident.id)) !== undefined || slackChannelFor(deps.slackChannels, incident) !== undefined);

  return {
    /** Every subscriber (managers only: the list holds client contacts' addresses). */
    async subscribers(who: Requester): Promise<CommandResult<StatusSubscriber[]>> {
      return manager(who) ?? { ok: true, value: await deps.store.listStatusSubscribers() };
    },

    /** Adds a subscriber to a service or a client that exists. */
    async addSubscriber(who: Requester, input: StatusSubscriberInput): Promise<CommandResult<StatusSubscriber>> {
      const refused = manager(who);
      if (refused) return refused;
      const exists =
        input.scope === 'service' ? !!(await deps.store.getService(input.scopeId)) : !!(await deps.store.getClientRecord(input.scopeId))?.client;
      if (!exists) return refuse('invalid', `no ${input.scope} "${input.scopeId}"`, 'scopeId');
      const subscriber: StatusSubscriber = { ...input, id: randomUUID(), createdAt: deps.clock.now().toISOString() };
      await deps.store.transaction(async (tx) => {
        await tx.addStatusSubscriber(subscriber);
        await audit.record({ action: 'status.subscriber-added', actorId: who.userId, address: who.address ?? null, subject: { kind: input.scope, id: input.scopeId }, details: { subscriber: subscriber.id } }, tx);
      });
      return { ok: true, value: subscriber };
    },

    /** Removes a subscriber. */
    async removeSubscriber(who: Requester, id: string): Promise<CommandResult<{ removed: true }>> {
      const refused = manager(who);
      if (refused) return refused;
      const removed = await deps.store.transaction(async (tx) => {
        if (!(await tx.deleteStatusSubscriber(id))) return false;
        await audit.record({ action: 'status.subscriber-removed', actorId: who.userId, address: who.address ?? null, subject: null, details: { subscriber: id } }, tx);
        return true;
      });
      return removed ? { ok: true, value: { removed: true } } : refuse('not_found', `no subscriber ${id}`, 'id');
    },

    /** The four stages' words (managers only). */
    async templates(who: Requester): Promise<CommandResult<StatusTemplateView[]>> {
      return manager(who) ?? { ok: true, value: await templates() };
    },

    /** Saves a stage's words. */
    async saveTemplate(who: Requester, stage: StatusStage, edit: StatusTemplateEdit): Promise<CommandResult<StatusTemplateView>> {
      const refused = manager(who);
      if (refused) return refused;
      const now = deps.clock.now();
      await deps.store.transaction(async (tx) => {
        await tx.putStatusTemplate({ stage, ...edit, updatedAt: now, updatedBy: who.userId });
        await audit.record({ action: 'status.template-saved', actorId: who.userId, address: who.address ?? null, subject: { kind: 'status-template', id: stage }, details: {} }, tx);
      });
      return { ok: true, value: { stage, ...edit, edited: true, updatedAt: now.toISOString(), updatedBy: who.userId } };
    },

    /**
     * An incident's updates and who they would reach now; for anyone who may know the incident (the
     * addresses themselves are not shown, only how many).
     */
    async list(who: Requester, incidentId: string): Promise<CommandResult<IncidentStatusUpdates>> {
      const incident = await deps.store.getIncident(incidentId);
      if (!incident || !(await knows(deps.store, who, incident))) return notKnown;
      const recipients = statusRecipients(await deps.store.listStatusSubscribers(), incident).length;
      const audience = { recipients, channels: deps.channels.forStatus(incident).length, slack: await reachesSlack(deps.store, incident) };
      return { ok: true, value: { updates: await deps.store.listStatusUpdates(incidentId), audience } };
    },

    /** Posts an update on an incident (see the factory's description for what is refused). */
    async post(who: Requester, incidentId: string, request: PostStatusUpdate): Promise<CommandResult<StatusUpdate>> {
      const refused = manager(who);
      if (refused) return refused;
      const now = deps.clock.now();
      return commitAndPublish(deps, now, async (changes) => {
        const incident = await changes.tx.getIncident(incidentId);
        if (!incident || !(await knows(changes.tx, who, incident))) return notKnown;
        if (incident.confidential && request.sendConfidential !== true) {
          return refuse('conflict', 'this incident is confidential: stakeholders are sent nothing unless you choose to send this update', 'sendConfidential');
        }
        const emails = statusRecipients(await changes.tx.listStatusSubscribers(), incident);
        const channels = deps.channels.forStatus(incident).map((c) => c.id);
        const slack = await reachesSlack(changes.tx, incident);
        if (emails.length === 0 && channels.length === 0 && !slack) {
          const client = incident.clientId ? ` or client "${incident.clientId}"` : '';
          return refuse('conflict', `nobody follows service "${incident.serviceId}"${client}: add stakeholders first`, 'stage');
        }
        const update: StatusUpdate = {
          id: randomUUID(),
          incidentId,
          stage: request.stage,
          message: request.message,
          postedBy: who.userId,
          postedAt: now.toISOString(),
          recipients: emails.length,
          channels: channels.length,
          confidential: incident.confidential,
        };
        await changes.tx.addStatusUpdate(update);
        await changes.timeline(incidentId, 'status.posted', { type: 'user', id: who.userId }, { updateId: update.id, stage: update.stage, message: update.message, recipients: emails.length, channels: channels.length, ...(incident.confidential ? { confidential: true } : {}) });
        await changes.schedule(statusDeliverJob.make(update, emails, channels, slack, now));
        await audit.record({ action: 'status.posted', actorId: who.userId, address: who.address ?? null, subject: { kind: 'incident', id: incidentId }, details: { updateId: update.id, stage: update.stage, recipients: emails.length, channels: channels.length } }, changes.tx);
        return { ok: true as const, value: update };
      });
    },
  };
}

/** The status-update service, as `createStatusUpdates` builds it. */
export type StatusUpdates = ReturnType<typeof createStatusUpdates>;
