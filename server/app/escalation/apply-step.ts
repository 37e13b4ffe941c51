import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { Policy } from '../../../shared/schemas/policy.js';
import type { Channel } from '../../../shared/schemas/user.js';
import type { EscalationEffect, StepResult } from '../../core/escalation/index.js';
import type { ChangeSet } from '../incidents/change-set.js';
import type { UserRecord } from '../ports/store.js';
import { failoverJob, pageIdOf, sendJob, stepJob } from './escalation-jobs.js';
import { createPageQueue, type PageQueue } from './page-queue.js';
import type { DirectRing } from './phone-line.js';

/** Channels that ring a phone: these re-send an unread page; e-mail and webhooks are sent once. */
export const RINGING_CHANNELS: readonly Channel[] = ['push', 'ntfy', 'pushover', 'sms', 'voice'];

const SYSTEM = { type: 'system' as const, id: null };

/** Counters the effects feed. */
export interface ApplyMetrics {
  escalations: { inc(): void };
  failovers: { inc(): void };
}

/**
 * Carries out an engine result inside the transaction: stores the new state, turns effects into page
 * rows with their send jobs (the outbox: a level's phone pages share one job, inserted together),
 * timeline events and the failover job, mirrors the escalation status onto the incident and moves
 * the wake-up row. Returns the incident as saved.
 */
export async function applyStep(
  changes: ChangeSet,
  incident: Incident,
  policy: Policy,
  result: StepResult,
  metrics: ApplyMetrics,
  /** The person who asked to escalate now, recorded as the actor of that move. */
  requestedBy?: string,
  /** Rings phones connected to this relay straight after the commit (see PhoneLine). */
  ring?: DirectRing,
): Promise<Incident> {
  const { tx, now } = changes;
  await tx.saveEscalation({ incidentId: incident.id, policy, state: result.state, updatedAt: now });
  const users = new Map<string, UserRecord | undefined>();
  const paged = new Set(result.effects.flatMap((e) => (e.type === 'page' && e.attempt === 1 ? [e.userId] : e.type === 'failover' ? e.users : [])));
  // A level of many people: one read of everyone instead of one per person.
  if (paged.size > 8) for (const user of await tx.listUsers()) if (paged.has(user.id)) users.set(user.id, user);
  const userOf = async (id: string) => {
    if (!users.has(id)) users.set(id, await tx.getUser(id));
    return users.get(id);
  };

  const queue = createPageQueue(changes, incident, userOf, ring);
  for (const effect of result.effects) {
    // Effects that read pages back (repeats, cancelling) or write events of their own see the pages
    // and events queued before them; a level move and its pages are appended together.
    if (!(effect.type === 'page' && effect.attempt === 1) && effect.type !== 'escalated') await queue.flush();
    await applyEffect(changes, incident, policy, effect, queue, metrics, requestedBy);
  }
  await queue.flush();

  let saved = incident;
  if (incident.escalation !== result.state.status) {
    saved = (await tx.updateIncident(incident.id, { escalation: result.state.status })) ?? incident;
  }
  if (result.wakeAt) await changes.schedule(stepJob.make(incident.id, result.wakeAt));
  else await tx.deleteJob(stepJob.id(incident.id));
  return saved;
}

async function applyEffect(
  changes: ChangeSet,
  incident: Incident,
  policy: Policy,
  effect: EscalationEffect,
  queue: PageQueue,
  metrics: ApplyMetrics,
  requestedBy: string | undefined,
): Promise<void> {
  switch (effect.type) {
    case 'page': {
      if (effect.attempt === 1) {
        // The page's own times are when things happened: a late step (after an outage) queues it now,
        // and its send is ordered by when it fell due (see PageQueue.add).
        await queue.add(effect.pageKey, effect.userId, effect.level, changes.now, new Date(effect.at));
        queue.timeline('page.queued', SYSTEM, { userId: effect.userId, level: effect.level, loop: effect.loop });
      } else {
        await repeatPages(changes, incident.id, effect.pageKey, new Date(effect.at), effect.attempt);
      }
      return;
    }
    case 'restarted':
      await changes.timeline(incident.id, 'escalation.started', requestedBy ? { type: 'user', id: requestedBy } : SYSTEM, {
        policy: policy.id,
        restarted: true,
        from: effect.from,
        stopReason: effect.stopReason,
      });
      return;
    case 'new-run':
      // The earlier run's pages still waiting for a later channel are not sent: this run pages anew.
      await cancelQueuedPages(changes, incident.id);
      await changes.timeline(incident.id, 'escalation.started', SYSTEM, { policy: policy.id, run: effect.run, from: effect.from });
      return;
    case 'nobody-on-call':
      await changes.timeline(incident.id, 'escalation.nobody-on-call', SYSTEM, { level: effect.level, loop: effect.loop });
      return;
    case 'escalated': {
      changes.afterCommit(() => metrics.escalations.inc());
      const actor = effect.reason === 'escalate-now' && requestedBy ? { type: 'user' as const, id: requestedBy } : SYSTEM;
      queue.timeline('escalation.level', actor, {
        from: effect.fromLevel,
        to: effect.toLevel,
        loop: effect.loop,
        reason: effect.reason,
      });
      return;
    }
    case 'stopped':
      await changes.timeline(incident.id, 'escalation.stopped', SYSTEM, { reason: effect.reason, by: effect.by ?? null });
      await cancelQueuedPages(changes, incident.id);
      return;
    case 'failover': {
      changes.afterCommit(() => metrics.failovers.inc());
      await changes.timeline(incident.id, 'failover.sent', SYSTEM, {
        emails: effect.emails,
        users: effect.users,
        loops: effect.loops,
        unreadPages: effect.pages.filter((p) => p.state !== 'read').length,
      });
      if (effect.emails.length) await changes.schedule(failoverJob.make(incident.id, changes.now, effect.emails));
      for (const userId of effect.users) {
        await queue.add(failoverPageKey(userId, effect.run), userId, policy.levels.length, changes.now);
        queue.timeline('page.queued', SYSTEM, { userId, failover: true });
      }
      return;
    }
  }
}

/**
 * Queues one page per notify rule of `userId` (push alone when they have none) with its send job; a
 * page id already stored is left as it is. Manual pages ("Page a person") use it.
 */
export async function queuePages(
  changes: ChangeSet,
  incident: Incident,
  pageKey: string,
  userId: string,
  level: number,
  at: Date,
  userOf: (id: string) => Promise<UserRecord | undefined>,
): Promise<void> {
  const queue = createPageQueue(changes, incident, userOf);
  await queue.add(pageKey, userId, level, at);
  await queue.flush();
}

/**
 * Re-sends a person's unread page on their ringing channels. A channel whose first send has not run
 * yet is left to that send (it waits for its notify rule's delay, or runs in the same catch-up), and
 * one first rung at or after this repeat's slot (late, after an outage) is not rung twice at once.
 */
async function repeatPages(changes: ChangeSet, incidentId: string, pageKey: string, at: Date, attempt: number): Promise<void> {
  for (const channel of RINGING_CHANNELS) {
    const page = await changes.tx.getPage(pageIdOf(incidentId, pageKey, channel));
    if (!page || !(page.state === 'sent' || page.state === 'delivered' || page.state === 'queued')) continue;
    // Same job id as the first send: scheduling now would replace it and ring before the rule says.
    if (page.attempts === 0) continue;
    if (page.sentAt !== null && Date.parse(page.sentAt) >= at.getTime()) continue;
    await changes.schedule(sendJob.make(incidentId, page.id, at, attempt));
  }
}

/**
 * The page key of a failover recipient's page; such pages are labelled "failover", not a level. A
 * later run of the escalation (after a snooze) fails over with new pages, so its number is in the key.
 */
export function failoverPageKey(userId: string, run = 0): string {
  return run === 0 ? `failover:${userId}` : `failover:r${run}:${userId}`;
}

/** Tells whether a page was sent by hand ("Page a person"), outside the escalation levels. */
export function isManualPage(page: Pick<Page, 'pageKey'>): boolean {
  return page.pageKey.startsWith('manual:');
}

/**
 * Cancels the escalation pages of an incident that never reached anyone (e.g. "e-mail after 5 min",
 * or a phone that was offline) once its escalation stopped: nobody should be woken for it any more.
 * Pages sent by hand are left to go out.
 */
export async function cancelQueuedPages(changes: ChangeSet, incidentId: string): Promise<void> {
  for (const page of await changes.tx.listPages(incidentId)) {
    // A page sent by hand is delivered whatever the escalation does: someone asked for that person.
    if (page.state !== 'queued' || isManualPage(page)) continue;
    const cancelled = await changes.tx.updatePage(page.id, { state: 'cancelled' });
    await changes.tx.deleteJob(sendJob.id(page.id));
    if (cancelled) changes.page(cancelled);
  }
}
