import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AffectedProcess } from '../../../../shared/schemas/client.js';
import type { CommandResult } from '../../../../shared/schemas/command.js';
import { type Incident, TriageVerdictSchema } from '../../../../shared/schemas/incident.js';
import { PrioritySchema } from '../../../../shared/schemas/priority.js';
import type { IncidentActions, Requester } from '../../../app/incidents/incident-actions.js';
import { searchHistory } from '../../../app/history/history-search.js';
import { parseHistoryQuery } from '../../../app/history/history-query.js';
import { knows } from '../../../app/incidents/incident-access.js';
import { type AuditTrail, noAuditTrail } from '../../../app/ports/audit.js';
import type { Store } from '../../../app/ports/store.js';
import { redactIncident } from '../../../core/access/need-to-know.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });
const PrioritySchemaBody = z.object({ priority: PrioritySchema });
const DismissBodySchema = z.object({ reason: z.string().trim().min(3).max(2000) });
const AssignBodySchema = z.object({ role: z.enum(['triage', 'forensic']), userId: z.string().min(1).nullable() });
const VerdictBodySchema = z.object({ verdict: TriageVerdictSchema });
const ConfidentialBodySchema = z.object({ confidential: z.boolean() });

const STATUS: Record<string, number> = { invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, unavailable: 503 };

/** Answers a command result: 200 with what changed, or the error's status with `{ error, field? }`. */
function settle<T>(result: CommandResult<T>): T {
  if (result.ok) return result.value;
  throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
}

/**
 * The incidents API: list and search incidents (`GET /api/v1/incidents`: the board's open list, or
 * the history search of issue 15 with its filters, facets and cursor; an unknown or bad parameter is
 * a 400 naming it), read one (redacted for people without need-to-know), and act on one — acknowledge, resolve, dismiss as a false positive, verdict, set
 * priority, assign — through the same authorised actions the console uses.
 */
export function registerIncidentRoutes(
  app: FastifyInstance,
  deps: {
    store: Store;
    actions: IncidentActions;
    audit?: AuditTrail;
    /** The client business processes an incident touches (issue 13); none when absent. */
    affectedProcesses?: (incident: Incident) => Promise<AffectedProcess[]>;
  },
): void {
  const audit = deps.audit ?? noAuditTrail;
  const requester = (request: Parameters<typeof signedInUser>[0]): Requester => {
    const user = signedInUser(request);
    return { userId: user.id, role: user.role, address: request.ip };
  };
  const incidentId = (params: unknown) => parseInput(IdParamsSchema, params, 'id').id;

  app.get('/api/v1/incidents', async (request) => {
    const who = requester(request);
    const query = settle(parseHistoryQuery((request.query ?? {}) as Record<string, unknown>));
    return settle(await searchHistory(deps.store, who, query));
  });

  app.get('/api/v1/incidents/:id', async (request) => {
    const who = requester(request);
    const incident = await deps.store.getIncident(incidentId(request.params));
    if (!incident) throw new HttpError(404, 'no such incident');
    // Someone who may not know it learns that it exists and nothing more: no timeline, alerts or pages.
    if (!(await knows(deps.store, who, incident))) return { incident: redactIncident(incident), timeline: [], alerts: [], pages: [], affectedProcesses: [] };
    if (incident.confidential) {
      await audit.record({
        action: 'incident.viewed-confidential',
        actorId: who.userId,
        address: who.address ?? null,
        subject: { kind: 'incident', id: incident.id },
      });
    }
    const [timeline, alerts, pages, affectedProcesses] = await Promise.all([
      deps.store.listTimeline(incident.id),
      deps.store.listAlerts(incident.id, 100),
      deps.store.listPages(incident.id),
      deps.affectedProcesses?.(incident) ?? [],
    ]);
    return { incident, timeline, alerts, pages, affectedProcesses };
  });

  app.post('/api/v1/incidents/:id/acknowledge', async (request) =>
    settle(await deps.actions.acknowledge(requester(request), [incidentId(request.params)])),
  );
  app.post('/api/v1/incidents/:id/resolve', async (request) =>
    settle(await deps.actions.resolve(requester(request), [incidentId(request.params)])),
  );
  app.post('/api/v1/incidents/:id/dismiss', async (request) => {
    const { reason } = parseInput(DismissBodySchema, request.body);
    return settle(await deps.actions.dismiss(requester(request), [incidentId(request.params)], reason));
  });
  app.post('/api/v1/incidents/:id/verdict', async (request) => {
    const { verdict } = parseInput(VerdictBodySchema, request.body);
    return settle(await deps.actions.verdict(requester(request), [incidentId(request.params)], verdict));
  });
  app.post('/api/v1/incidents/:id/priority', async (request) => {
    const { priority } = parseInput(PrioritySchemaBody, request.body);
    return settle(await deps.actions.setPriority(requester(request), [incidentId(request.params)], priority));
  });
  app.post('/api/v1/incidents/:id/confidential', async (request) => {
    const { confidential } = parseInput(ConfidentialBodySchema, request.body);
    return settle(await deps.actions.setConfidential(requester(request), [incidentId(request.params)], confidential));
  });
  app.post('/api/v1/incidents/:id/assign', async (request) => {
    const { role, userId } = parseInput(AssignBodySchema, request.body);
    return settle(await deps.actions.assign(requester(request), [incidentId(request.params)], role, userId));
  });
}
