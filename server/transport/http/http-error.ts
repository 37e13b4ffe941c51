import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';

/** An error that answers with its status code and a JSON body `{ error, field? }`. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  /** Builds an error answering `statusCode` with `message` (and `field` for input errors). */
  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The body of every error answer of the API. */
export interface ErrorBody {
  error: string;
  field?: string;
}

/**
 * Parses request input with a shared zod schema; on failure throws a 400 `HttpError` naming the
 * first wrong field by its dotted path (`body` when the whole input is wrong).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : where;
  throw new HttpError(400, `${field}: ${issue.message}`, field);
}

const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'the request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'send the body as application/json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the JSON body is empty',
  FST_ERR_CTP_INVALID_JSON_BODY: 'the body is not valid JSON',
};

/**
 * Installs the error handler: `HttpError`s answer as they say, Fastify's own 4xx errors (bad JSON,
 * too large) answer `{ error }` with their status, and anything else is logged and answers a bare 500.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      const body: ErrorBody = error.field === undefined ? { error: error.message } : { error: error.message, field: error.field };
      return reply.code(error.statusCode).headers(error.headers).send(body);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const message = (error.code && FRAMEWORK_MESSAGES[error.code]) || error.message;
      return reply.code(status).send({ error: message } satisfies ErrorBody);
    }
    request.log.error({ err: error, route: request.routeOptions.url }, 'request failed');
    return reply.code(500).send({ error: 'internal error' } satisfies ErrorBody);
  });
}
