import { ConnectWiseCallError, type ConnectWiseApi, type ConnectWiseCredentials } from '../ports/connectwise-api.js';
import type { ConnectWiseConnectionRecord, ConnectWiseOpRecord, ConnectWiseTicketRecord } from '../ports/connectwise-store.js';
import type { SecretBox } from '../ports/secret-box.js';
import type { Clock } from '../ports/clock.js';
import { type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { JobHandler } from '../jobs/job-runner.js';
import { credentialsOf } from './credentials.js';
import type { PlannedCall } from './plan-calls.js';
import { connectWiseJob } from './sync-outbox.js';
import { companyOfIncident, type ClientCompanies } from './client-company.js';

/** What the sync job needs. */
export interface ConnectWiseSyncDeps extends CommitDeps {
  clock: Clock;
  api: ConnectWiseApi;
  box: SecretBox;
  env: Record<string, string | undefined>;
  /** The ConnectWise company of a client, when the clients feature knows it. */
  clientCompanies: ClientCompanies;
  /** The first retry's delay; each further one doubles it (default 30 s). */
  backoffMs?: number;
  /** Attempts of one call before it is given up and waits for a manual retry (default 8). */
  maxAttempts?: number;
}

const SYSTEM = { type: 'system', id: null } as const;
const MAX_BACKOFF_MS = 60 * 60_000;

/** Where a run ended: everything made, a retry planned, or stopped until someone acts. */
type RunEnd = { kind: 'done' } | { kind: 'retry'; at: Date; reason: string } | { kind: 'failed'; reason: string; broken?: boolean };

/**
 * Creates the `connectwise.sync` job handler: makes an incident's waiting calls in order (create the
 * ticket, set its status, add notes), each removed from the outbox once ConnectWise took it. A 429
 * waits out its Retry-After, a timeout or 5xx backs off (doubling), other refusals and spent retries
 * stop the incident's calls until a retry; a 401 also marks the connection broken, and no call is
 * made on a broken connection. Every run's outcome goes on the incident's timeline.
 */
export function createConnectWiseSyncHandler(deps: ConnectWiseSyncDeps): JobHandler {
  const backoffMs = deps.backoffMs ?? 30_000;
  const maxAttempts = deps.maxAttempts ?? 8;

  const make = async (
    credentials: ConnectWiseCredentials,
    record: ConnectWiseConnectionRecord,
    ticket: ConnectWiseTicketRecord,
    call: PlannedCall,
  ): Promise<ConnectWiseTicketRecord> => {
    const mapping = record.connection.mapping;
    if (call.kind === 'create') {
      if (ticket.ticketId !== null) return ticket;
      const incident = await deps.store.getIncident(ticket.incidentId);
      const company = incident ? await companyOfIncident(incident, deps.clientCompanies) : undefined;
      const created = await deps.api.createTicket(credentials, {
        summary: call.summary,
        board: mapping.board,
        status: mapping.status.new,
        priority: mapping.priority[call.priority],
        ...(mapping.type[call.priority] ? { type: mapping.type[call.priority] } : {}),
        company: company ?? { identifier: mapping.company },
        initialDescription: call.description,
      });
      return { ...ticket, ticketId: created.id, lastStatus: mapping.status.new };
    }
    if (ticket.ticketId === null) throw new ConnectWiseCallError('the ticket was not created', 409);
    if (call.kind === 'status') {
      const status = mapping.status[call.status];
      if (ticket.lastStatus === status) return ticket;
      // Remembered before the call: a callback echoing it may arrive before the call returns.
      await deps.store.upsertConnectWiseTicket({ ...ticket, lastStatus: status });
      await deps.api.setStatus(credentials, ticket.ticketId, status);
      return { ...ticket, lastStatus: status };
    }
    await deps.api.addNote(credentials, ticket.ticketId, { text: call.text, internal: call.internal, resolution: call.resolution });
    return ticket;
  };

  const drain = async (record: ConnectWiseConnectionRecord, start: ConnectWiseTicketRecord, ops: ConnectWiseOpRecord[], now: Date) => {
    let ticket = start;
    const made: string[] = [];
    const finish = (end: RunEnd) => ({ ticket, made, end });
    if (record.brokenAt) return finish({ kind: 'failed', reason: `the connection "${record.connection.id}" is broken: ${record.brokenReason ?? 'refused'}` });
    const keys = credentialsOf(record, deps.box, deps.env);
    if (!keys.ok) return finish({ kind: 'failed', reason: keys.reason });
    for (const op of ops) {
      if (op.failed) return finish({ kind: 'failed', reason: op.lastError ?? 'a call failed' });
      const call = op.call as unknown as PlannedCall;
      try {
        ticket = await make(keys.credentials, record, ticket, call);
        await deps.store.deleteConnectWiseOp(op.id);
        made.push(call.kind);
      } catch (error) {
        const failure = error instanceof ConnectWiseCallError ? error : new ConnectWiseCallError(String(error), 0);
        const attempts = op.attempts + 1;
        if (failure.status === 401) {
          await deps.store.updateConnectWiseOp(op.id, { attempts, lastError: failure.message, failed: true });
          await deps.store.setConnectWiseConnectionBroken(record.connection.id, now, 'ConnectWise refused the API keys (401)');
          return finish({ kind: 'failed', reason: `${failure.message}: the connection is marked broken`, broken: true });
        }
        if (!failure.retryable || attempts >= maxAttempts) {
          await deps.store.updateConnectWiseOp(op.id, { attempts, lastError: failure.message, failed: true });
          return finish({ kind: 'failed', reason: failure.retryable ? `${failure.message} (gave up after ${attempts} attempts)` : failure.message });
        }
        await deps.store.updateConnectWiseOp(op.id, { attempts, lastError: failure.message, failed: false });
        const wait = failure.retryAfterMs ?? Math.min(backoffMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
        return finish({ kind: 'retry', at: new Date(now.getTime() + wait), reason: failure.message });
      }
    }
    return finish({ kind: 'done' });
  };

  return async (job, now) => {
    const incidentId = job.incidentId;
    if (!incidentId) return;
    const start = await deps.store.getConnectWiseTicket(incidentId);
    if (!start) return;
    const ops = await deps.store.listConnectWiseOps(incidentId);
    if (ops.length === 0) return;
    const record = await deps.store.getConnectWiseConnection(start.connectionId);
    const { ticket, made, end } = record
      ? await drain(record, start, ops, now)
      : { ticket: start, made: [], end: { kind: 'failed', reason: `the connection "${start.connectionId}" no longer exists` } as RunEnd };

    await commitAndPublish(deps, deps.clock.now(), async (changes) => {
      const state = end.kind === 'done' ? 'synced' : end.kind === 'retry' ? 'pending' : 'failed';
      const reason = end.kind === 'done' ? null : end.reason;
      await changes.tx.upsertConnectWiseTicket({ ...ticket, state, reason, retryAt: end.kind === 'retry' ? end.at : null, updatedAt: changes.now });
      if (end.kind === 'retry') await changes.schedule(connectWiseJob.make(incidentId, end.at));
      if (made.length > 0) await changes.timeline(incidentId, 'connectwise.synced', SYSTEM, { ticketId: ticket.ticketId, calls: made });
      if (end.kind === 'failed') {
        await changes.timeline(incidentId, 'connectwise.failed', SYSTEM, { ticketId: ticket.ticketId, reason: end.reason, broken: end.broken === true });
      }
    });
  };
}
