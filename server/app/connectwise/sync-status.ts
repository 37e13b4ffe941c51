import type { IncidentConnectWise } from '../../../shared/schemas/connectwise.js';
import type { CommitDeps } from '../incidents/change-set.js';
import type { Clock } from '../ports/clock.js';
import { ticketUrl } from './ticket-url.js';
import { connectWiseJob } from './sync-outbox.js';

/** What the incident sync view and retry need. */
export interface ConnectWiseStatusDeps extends CommitDeps {
  clock: Clock;
}

/**
 * An incident's ConnectWise sync as the detail page shows it, and its retry: waiting or failed calls
 * are tried again at once (their attempts start again), keeping their order.
 */
export function createConnectWiseStatus(deps: ConnectWiseStatusDeps) {
  return {
    /** Where the incident's ticket stands (`none` when no connection covers it). */
    async of(incidentId: string): Promise<IncidentConnectWise> {
      const ticket = await deps.store.getConnectWiseTicket(incidentId);
      if (!ticket) return { state: 'none', reason: null, connectionId: null, ticketId: null, ticketUrl: null, pending: 0 };
      const [ops, record] = await Promise.all([deps.store.listConnectWiseOps(incidentId), deps.store.getConnectWiseConnection(ticket.connectionId)]);
      const url = ticket.ticketId !== null && record ? ticketUrl(record.connection, ticket.ticketId) : null;
      return {
        state: ticket.state,
        reason: ticket.reason,
        connectionId: ticket.connectionId,
        ticketId: ticket.ticketId,
        ticketUrl: url,
        pending: ops.length,
        ...(ticket.retryAt ? { retryAt: ticket.retryAt.toISOString() } : {}),
      };
    },

    /** Tries the incident's calls again now; false when there is nothing to retry. */
    async retry(incidentId: string): Promise<boolean> {
      const now = deps.clock.now();
      const retried = await deps.store.transaction(async (tx) => {
        const ticket = await tx.getConnectWiseTicket(incidentId);
        const ops = await tx.listConnectWiseOps(incidentId);
        if (!ticket || ops.length === 0) return false;
        for (const op of ops) if (op.failed || op.attempts > 0) await tx.updateConnectWiseOp(op.id, { attempts: 0, lastError: null, failed: false });
        await tx.upsertConnectWiseTicket({ ...ticket, state: 'pending', reason: null, retryAt: null, updatedAt: now });
        await tx.upsertJob({ ...connectWiseJob.make(incidentId, now), attempts: 0 });
        return true;
      });
      if (retried) deps.pokeJobs(now);
      return retried;
    },

    /** Retries every failed incident of a connection (after it was saved, e.g. mended). */
    async retryConnection(connectionId: string): Promise<void> {
      for (const ticket of await deps.store.listConnectWiseTickets(connectionId, 'failed')) await this.retry(ticket.incidentId);
    },
  };
}

/** The sync view and retry, as `createConnectWiseStatus` builds them. */
export type ConnectWiseStatus = ReturnType<typeof createConnectWiseStatus>;
