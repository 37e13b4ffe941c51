import type { FastifyInstance, FastifyRequest } from 'fastify';
import { JSON_TOO_DEEP, jsonNestsDeeperThan } from '../../../../shared/schemas/ingest/json-depth.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body's bytes as received, on ingest routes (signatures are computed over them). */
    rawBody?: Buffer;
  }
}

/** Fastify's own body limit, when the server was built without one. */
export const DEFAULT_FASTIFY_BODY_LIMIT = 1024 * 1024;

/** Thrown by the ingest body parser; the routes answer it in their own formats. */
export class IngestBodyError extends Error {
  override readonly name = 'IngestBodyError';

  /** Builds an error with the HTTP status to answer. */
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Installs, in an ingest scope, a JSON parser for every content type (monitoring tools are careless
 * with it) that refuses bytes that are not UTF-8 instead of silently replacing them, and keeps the raw
 * bytes for signature checks.
 */
export function installIngestBodyParser(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
    request.rawBody = body;
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(new IngestBodyError(400, 'the body is not valid UTF-8'), undefined);
      return;
    }
    if (text.trim() === '') {
      done(new IngestBodyError(400, 'the body is empty; send a JSON object'), undefined);
      return;
    }
    // Checked before parsing: the parser, the schemas and the stored payload's serializer all recurse.
    if (jsonNestsDeeperThan(text)) {
      done(new IngestBodyError(400, JSON_TOO_DEEP), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new IngestBodyError(400, 'the body is not valid JSON'), undefined);
    }
  });
}

/**
 * Turns any error of an ingest request into a status and message: the parser's own errors, Fastify's
 * body-too-large (413, naming `bodyLimit` in bytes), or an internal failure (500: the alert was NOT
 * committed, so senders retry).
 */
export function ingestErrorStatus(error: unknown, bodyLimit: number): { status: number; message: string } {
  if (error instanceof IngestBodyError) return { status: error.statusCode, message: error.message };
  const code = (error as { code?: string }).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, message: `the request body is larger than the limit of ${bodyLimit} bytes` };
  const status = (error as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) return { status, message: (error as Error).message };
  return { status: 500, message: 'internal error: the event was not stored; retry' };
}
