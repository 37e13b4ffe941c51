import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandResult } from '../../../../shared/schemas/command.js';
import { IndicatorInputSchema, IndicatorTypeSchema } from '../../../../shared/schemas/intel.js';
import { toCsv, readCsv } from '../../../core/intel/csv.js';
import { readStixBundle, toStixBundle } from '../../../core/intel/stix.js';
import type { IntelActor, IntelService } from '../../../app/intel/intel-service.js';
import { mayWriteIntel } from '../../../core/intel/access.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** The list query: filters by type, tag, text and liveness, and at most `limit` indicators. */
const ListQuerySchema = z
  .object({
    type: IndicatorTypeSchema.optional(),
    tag: z.string().trim().min(1).max(64).optional(),
    q: z.string().trim().min(1).max(200).optional(),
    live: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .strict();

const ExportQuerySchema = z.object({ format: z.enum(['stix', 'csv']).default('stix') }).strict();

/** An indicator body is small; an import file may be large. */
const BODY_LIMIT = 64 * 1024;
/** The largest import file (413 beyond). */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

const STATUS: Record<string, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 };

function settle<T>(result: CommandResult<T>): T {
  if (result.ok) return result.value;
  throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
}

const actorOf = (request: FastifyRequest): IntelActor => {
  const user = signedInUser(request);
  return { userId: user.id, role: user.role, address: request.ip };
};

/**
 * The threat-intelligence API (issue 15): `GET /api/v1/intel/indicators` (filters `type`, `tag`,
 * `q`, `live`) and `GET /:id` for everyone signed in (restricted indicators only for threat
 * researchers, IR managers and admins); `POST`, `PUT /:id`, `DELETE /:id`, `POST /api/v1/intel/import`
 * (a STIX 2.1 bundle as JSON, or CSV as text/csv; all or nothing, 400 with every bad object's path)
 * for those three roles; `GET /api/v1/intel/export?format=stix|csv`.
 */
export async function registerIntelRoutes(app: FastifyInstance, deps: { intel: IntelService }): Promise<void> {
  const indicatorId = (params: unknown) => parseInput(IdParamsSchema, params, 'id').id;

  app.get('/api/v1/intel/indicators', async (request) => {
    const who = actorOf(request);
    const query = parseInput(ListQuerySchema, request.query ?? {}, 'query');
    return { indicators: await deps.intel.list(who, query) };
  });

  app.get('/api/v1/intel/indicators/:id', async (request) => {
    const indicator = await deps.intel.get(actorOf(request), indicatorId(request.params));
    if (!indicator) throw new HttpError(404, 'no such indicator', 'id');
    return { indicator };
  });

  app.post('/api/v1/intel/indicators', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const who = actorOf(request);
    const indicator = settle(await deps.intel.create(who, parseInput(IndicatorInputSchema, request.body)));
    return reply.code(201).send({ indicator });
  });

  app.put('/api/v1/intel/indicators/:id', { bodyLimit: BODY_LIMIT }, async (request) => {
    const who = actorOf(request);
    const id = indicatorId(request.params);
    return { indicator: settle(await deps.intel.update(who, id, parseInput(IndicatorInputSchema, request.body))) };
  });

  app.delete('/api/v1/intel/indicators/:id', async (request, reply) => {
    settle(await deps.intel.remove(actorOf(request), indicatorId(request.params)));
    return reply.code(204).send();
  });

  app.get('/api/v1/intel/export', async (request, reply) => {
    const who = actorOf(request);
    const { format } = parseInput(ExportQuerySchema, request.query ?? {}, 'query');
    const indicators = await deps.intel.exportAll(who, format);
    const day = new Date().toISOString().slice(0, 10);
    reply.header('content-disposition', `attachment; filename="klaxon-intel-${day}.${format === 'csv' ? 'csv' : 'json'}"`);
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(indicators));
    return reply.type('application/stix+json; charset=utf-8').send(JSON.stringify(toStixBundle(indicators, randomUUID())));
  });

  // The import takes large bodies of its own types: its own scope parses them up to its limit.
  await app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.addContentTypeParser(['application/json', 'application/stix+json'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new HttpError(400, 'the body is not valid JSON', 'body'), undefined);
      }
    });
    // Refused roles are told before a large body is read.
    const writerFirst = async (request: FastifyRequest) => {
      const who = actorOf(request);
      if (!mayWriteIntel(who.role)) throw new HttpError(403, `importing threat intelligence needs the role threat-researcher, ir-manager or admin; you are ${who.role}`);
    };
    scope.post('/api/v1/intel/import', { bodyLimit: IMPORT_BODY_LIMIT, onRequest: writerFirst }, async (request, reply) => {
      const who = actorOf(request);
      const csv = typeof request.body === 'string';
      const read = csv ? { ...readCsv(request.body as string), skipped: 0 } : readStixBundle(request.body);
      const result = settle(await deps.intel.import(who, read.items, read.errors, csv ? 'csv' : 'stix'));
      if (result.errors.length > 0) {
        const first = result.errors[0]!;
        return reply.code(400).send({ error: `${result.errors.length} bad: ${first.path}: ${first.message}`, field: first.path, ...result });
      }
      return { ...result, skipped: read.skipped };
    });
  });
}
