import { randomUUID } from 'node:crypto';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import { reachesPriority } from '../../../shared/schemas/connectwise.js';
import type { FeedChange, IncidentFeed } from '../feed/incident-feed.js';
import type { Clock } from '../ports/clock.js';
import type { ConnectWiseConnectionRecord, ConnectWiseTicketRecord } from '../ports/connectwise-store.js';
import type { JobRecord, Store } from '../ports/store.js';
import { connectionFor } from './connection-for.js';
import { planCalls, planTicket, type PlanContext, type PlannedCall } from './plan-calls.js';
import type { SecretBox } from '../ports/secret-box.js';
import { credentialsOf } from './credentials.js';

/** The due row that makes an incident's waiting ConnectWise calls, in order. */
export const connectWiseJob = {
  kind: 'connectwise.sync',
  id: (incidentId: string) => `connectwise:${incidentId}`,
  make: (incidentId: string, dueAt: Date): Omit<JobRecord, 'attempts'> => ({
    id: connectWiseJob.id(incidentId),
    kind: connectWiseJob.kind,
    incidentId,
    dueAt,
    payload: {},
  }),
};

/** The actor id of changes Klaxon made because ConnectWise told it (a technician closed the ticket). */
export const CONNECTWISE_ACTOR_ID = 'connectwise';

/** What the outbox needs. */
export interface ConnectWiseOutboxDeps {
  store: Store;
  feed: IncidentFeed;
  clock: Clock;
  pokeJobs: (at: Date) => void;
  /** The link to an incident in Klaxon. */
  incidentUrl: (incidentId: string) => string;
  onError: (error: unknown) => void;
  box: SecretBox;
  env: Record<string, string | undefined>;
}

/** The running outbox: `idle()` resolves once every change heard so far is queued (for tests and shutdown). */
export interface ConnectWiseOutbox {
  idle(): Promise<void>;
  stop(): void;
  /** Tells the outbox that connections were saved or removed, so it reads them again. */
  connectionsChanged(): void;
}

/** How long the outbox trusts its copy of the connection list (another relay may have changed it). */
const CONNECTIONS_FRESH_MS = 10_000;

let counter = 0;

/** Orders calls queued in the same millisecond (the manual clock of tests stands still). */
function nextOrdinal(now: Date): number {
  counter = (counter + 1) % 1000;
  return now.getTime() * 1000 + counter;
}

/**
 * Queues ConnectWise calls in one transaction: each call a durable outbox row, the incident's ticket
 * marked pending, and its sync job due now — or at the retry time when the calls wait out a backoff.
 */
export async function queueCalls(
  deps: { store: Store; pokeJobs: (at: Date) => void },
  ticket: ConnectWiseTicketRecord,
  calls: readonly PlannedCall[],
  now: Date,
): Promise<void> {
  let dueAt = now;
  await deps.store.transaction(async (tx) => {
    // Read again inside the transaction: the sync job may have saved the ticket's id meanwhile.
    const current = (await tx.getConnectWiseTicket(ticket.incidentId)) ?? ticket;
    if (current.retryAt && current.retryAt > now) dueAt = current.retryAt;
    for (const call of calls) {
      await tx.addConnectWiseOp({
        id: randomUUID(),
        incidentId: ticket.incidentId,
        ordinal: nextOrdinal(now),
        call: call as unknown as Record<string, unknown>,
        attempts: 0,
        lastError: null,
        failed: false,
      });
    }
    const failedBefore = current.state === 'failed';
    await tx.upsertConnectWiseTicket({ ...current, state: failedBefore ? 'failed' : 'pending', updatedAt: now });
    // A failed incident waits for its retry (the order of calls is kept); the others run now.
    if (!failedBefore) await tx.upsertJob({ ...connectWiseJob.make(ticket.incidentId, dueAt), attempts: 0 });
  });
  deps.pokeJobs(dueAt);
}

/**
 * Listens to the incident feed (after each commit) and queues what ConnectWise must hear: a ticket
 * for a new incident that reaches its connection's `fromPriority` (an incident a ConnectWise
 * callback opened keeps its own ticket), then notes and status changes from the timeline. Nothing
 * here runs on the ingest path: the feed hears of a change after it committed, and the calls are
 * jobs.
 */
export function createConnectWiseOutbox(deps: ConnectWiseOutboxDeps): ConnectWiseOutbox {
  let chain: Promise<void> = Promise.resolve();
  // The connections with usable keys, kept in memory: with none set up, a storm of incident changes
  // costs no read.
  let known: { list: ConnectWiseConnectionRecord[]; readAt: number } | undefined;
  const connections = async (): Promise<ConnectWiseConnectionRecord[]> => {
    const now = Date.now();
    if (!known || now - known.readAt > CONNECTIONS_FRESH_MS) {
      const usable = (await deps.store.listConnectWiseConnections()).filter((c) => credentialsOf(c, deps.box, deps.env).ok);
      known = { list: usable, readAt: now };
    }
    return known.list;
  };

  const bornInConnectWise = async (incident: Incident): Promise<number | undefined> => {
    if (!incident.externalRef || !/^\d{1,15}$/.test(incident.externalRef)) return undefined;
    const alerts = await deps.store.listAlerts(incident.id, 1);
    return alerts.some((a) => a.integrationType === 'connectwise') ? Number(incident.externalRef) : undefined;
  };

  const context = async (incident: Incident, userIds: unknown[]): Promise<PlanContext> => {
    const service = await deps.store.getService(incident.serviceId);
    const names = new Map<string, string>();
    for (const id of new Set(userIds.filter((u): u is string => typeof u === 'string'))) {
      const user = await deps.store.getUser(id);
      if (user) names.set(id, user.name);
    }
    return {
      incident,
      serviceName: service?.name ?? incident.serviceId,
      incidentUrl: deps.incidentUrl(incident.id),
      nameOf: (id) => (id ? (names.get(id) ?? id) : 'nobody'),
    };
  };

  const onIncident = async (incident: Incident, created: boolean) => {
    const list = await connections();
    if (list.length === 0) return;
    if (await deps.store.getConnectWiseTicket(incident.id)) return;
    if (!created && incident.status === 'resolved') return;
    // A connection without usable keys is not set up yet (it is not in the list): its incidents are not synced.
    const picked = connectionFor(list, incident);
    if (!picked) return;
    const now = deps.clock.now();
    const base = { incidentId: incident.id, connectionId: picked.connection.id, reason: null, lastStatus: null, retryAt: null, updatedAt: now };
    const ticketId = await bornInConnectWise(incident);
    if (ticketId !== undefined) {
      await deps.store.upsertConnectWiseTicket({ ...base, ticketId, origin: 'connectwise', state: 'synced' });
      return;
    }
    if (!reachesPriority(incident.priority, picked.connection.mapping.fromPriority)) return;
    const ticket: ConnectWiseTicketRecord = { ...base, ticketId: null, origin: 'klaxon', state: 'pending' };
    await queueCalls(deps, ticket, [planTicket(await context(incident, []))], now);
  };

  const onEvent = async (event: TimelineEvent) => {
    if (event.type.startsWith('connectwise.')) return;
    // With no connection, no ticket is ever synced again (a removed connection's calls fail anyway).
    if ((await connections()).length === 0) return;
    const ticket = await deps.store.getConnectWiseTicket(event.incidentId);
    if (!ticket) return;
    const incident = await deps.store.getIncident(event.incidentId);
    if (!incident) return;
    const users = [event.actor.type === 'user' ? event.actor.id : undefined, event.data.userId, ...(Array.isArray(event.data.users) ? event.data.users : [])];
    const fromConnectWise = ticket.origin === 'connectwise' || event.actor.id === CONNECTWISE_ACTOR_ID;
    const calls = planCalls(event, await context(incident, users), fromConnectWise);
    if (calls.length > 0) await queueCalls(deps, ticket, calls, deps.clock.now());
  };

  const handle = async (change: FeedChange) => {
    if (change.type === 'incident:created') await onIncident(change.incident, true);
    else if (change.type === 'incident:updated') await onIncident(change.incident, false);
    else if (change.type === 'timeline:appended') await onEvent(change.event);
  };

  const unsubscribe = deps.feed.subscribe((change) => {
    // One change after another, so a ticket is queued before the notes of the same incident.
    chain = chain.then(() => handle(change)).catch(deps.onError);
  });
  return {
    idle: () => chain,
    stop: unsubscribe,
    connectionsChanged: () => {
      known = undefined;
    },
  };
}
