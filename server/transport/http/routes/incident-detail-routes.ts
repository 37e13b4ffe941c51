import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandResult } from '../../../../shared/schemas/command.js';
import type { Escalator } from '../../../app/escalation/escalator.js';
import type { Requester } from '../../../app/incidents/incident-actions.js';
import type { IncidentRecords } from '../../../app/incidents/incident-records.js';
import { escalationRefusal } from '../../../app/incidents/incident-access.js';
import type { Store } from '../../../app/ports/store.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

/** The largest evidence file the relay takes in one request. */
export const EVIDENCE_MAX_BYTES = 50 * 1024 * 1024;

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });
const NoteBodySchema = z.object({ text: z.string().trim().min(1).max(10_000) });
const PageBodySchema = z.object({ userId: z.string().min(1).max(100) });
/** Evidence metadata, from the query string or `x-evidence-*` headers (the body is the file). */
const EvidenceMetaSchema = z.object({
  description: z.string().trim().min(3).max(2000),
  origin: z.string().trim().min(1).max(2000),
  fileName: z.string().trim().min(1).max(255).default('evidence.bin'),
});

const STATUS: Record<string, number> = { invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, unavailable: 503 };

/** Answers a command result's value, or throws its error as the matching HTTP status. */
function settle<T>(result: CommandResult<T>): T {
  if (result.ok) return result.value;
  throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
}

/** Reads a header that may carry percent-encoded UTF-8 (file names, descriptions). */
function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  if (typeof value !== 'string') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * What the incident detail needs beyond the incidents API: the people for assignment pickers, notes,
 * forensic evidence uploads (raw body, hashed by the relay), a manual page to one person and
 * "escalate now" from the console.
 */
export async function registerIncidentDetailRoutes(
  app: FastifyInstance,
  deps: { store: Store; records: IncidentRecords; escalator: Pick<Escalator, 'escalateNow'> },
): Promise<void> {
  const requester = (request: FastifyRequest): Requester => {
    const user = signedInUser(request);
    return { userId: user.id, role: user.role, address: request.ip };
  };
  const incidentId = (params: unknown) => parseInput(IdParamsSchema, params, 'id').id;

  app.get('/api/v1/users', async (request) => {
    signedInUser(request);
    const users = await deps.store.listUsers();
    return { users: users.map((u) => ({ id: u.id, name: u.name, role: u.role })).sort((a, b) => a.name.localeCompare(b.name)) };
  });

  app.post('/api/v1/incidents/:id/notes', async (request, reply) => {
    const { text } = parseInput(NoteBodySchema, request.body);
    const event = settle(await deps.records.addNote(requester(request), incidentId(request.params), text));
    return reply.code(201).send({ event });
  });

  app.post('/api/v1/incidents/:id/page', async (request, reply) => {
    const { userId } = parseInput(PageBodySchema, request.body);
    const value = settle(await deps.records.pagePerson(requester(request), incidentId(request.params), userId));
    return reply.code(202).send(value);
  });

  app.post('/api/v1/incidents/:id/escalate', async (request, reply) => {
    const user = signedInUser(request);
    const id = incidentId(request.params);
    const incident = await deps.store.getIncident(id);
    const refusal = await escalationRefusal(deps.store, { userId: user.id, role: user.role }, incident);
    if (refusal === 'forbidden') throw new HttpError(403, `escalating needs a role that may act on incidents; you are ${user.role}`);
    if (refusal || !incident) throw new HttpError(404, 'no such incident', 'id');
    if (incident.status === 'resolved') throw new HttpError(409, 'the incident is resolved', 'id');
    settle(await deps.escalator.escalateNow(user.id, id));
    return reply.code(202).send({ escalated: true });
  });

  // The evidence file is the raw body: its own scope takes application/octet-stream up to the limit.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: EVIDENCE_MAX_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    scope.post('/api/v1/incidents/:id/evidence', { bodyLimit: EVIDENCE_MAX_BYTES }, async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const meta = parseInput(
        EvidenceMetaSchema,
        {
          description: query.description ?? header(request, 'x-evidence-description'),
          origin: query.origin ?? header(request, 'x-evidence-origin'),
          fileName: query.fileName ?? header(request, 'x-evidence-file-name'),
        },
        'query',
      );
      if (!Buffer.isBuffer(request.body)) throw new HttpError(415, 'send the file as application/octet-stream', 'body');
      if (request.body.byteLength === 0) throw new HttpError(400, 'the evidence file is empty', 'body');
      const event = settle(
        await deps.records.addEvidence(requester(request), incidentId(request.params), { ...meta, bytes: request.body }),
      );
      return reply.code(201).send({ event });
    });
  });
}
