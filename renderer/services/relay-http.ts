import type { z } from 'zod';

/** Where and as whom a console call goes: the relay's base address and the signed-in person's bearer token. */
export interface RelayAuth {
  relayUrl: string;
  token: string;
}

/** A refused or failed call; `status` is 0 when the relay could not be reached, `field` names the input it refused. */
export class RelayHttpError extends Error {
  /** The HTTP status, 0 when the relay could not be reached. */
  readonly status: number;
  /** The dotted path of the field the relay refused, if it said which. */
  readonly field: string | undefined;

  /** Creates an error with a message for the person at the console. */
  constructor(status: number, message: string, field?: string) {
    super(message);
    this.name = 'RelayHttpError';
    this.status = status;
    this.field = field;
  }
}

/** Phrases a refusal the relay gave no words for; `refusal(status)` of the caller wins when it returns one. */
export type RefusalText = (status: number) => string | undefined;

/** Authenticated calls to the relay's `/api/v1` as every console API client makes them. */
export interface RelayHttp {
  /** Sends a JSON call and checks the answer with `schema` (null: the answer is not read). */
  json<T>(auth: RelayAuth, method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T>;
  /** Fetches a file (an export) with the token; the answer's bytes and the name the relay suggests. */
  file(auth: RelayAuth, path: string): Promise<{ blob: Blob; fileName: string | null }>;
}

const TIMEOUT_MS = 30_000;

/**
 * Creates the helper on `fetch` (injectable for tests). Errors carry the relay's `{error, field}`
 * body when it sent one, else `refusal(status)`, else the status line.
 */
export function createRelayHttp(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args), refusal: RefusalText = () => undefined): RelayHttp {
  async function send(auth: RelayAuth, method: string, path: string, accept: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(`${auth.relayUrl}${path}`, {
        method,
        headers: {
          accept,
          authorization: `Bearer ${auth.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new RelayHttpError(0, `The relay at ${auth.relayUrl} is unreachable`);
    }
    if (!response.ok) {
      const error = (await response.json().catch(() => undefined)) as { error?: unknown; message?: unknown; field?: unknown } | undefined;
      const said = typeof error?.error === 'string' ? error.error : typeof error?.message === 'string' ? error.message : undefined;
      throw new RelayHttpError(
        response.status,
        said ?? refusal(response.status) ?? `The relay answered HTTP ${response.status}`,
        typeof error?.field === 'string' ? error.field : undefined,
      );
    }
    return response;
  }

  return {
    async json<T>(auth: RelayAuth, method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T> {
      const response = await send(auth, method, path, 'application/json', body);
      if (!schema) return undefined as T;
      const parsed = schema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path.map(String).join('.') || 'body';
        throw new RelayHttpError(response.status, `The relay sent an answer this console does not understand (${field})`);
      }
      return parsed.data;
    },
    async file(auth, path) {
      const response = await send(auth, 'GET', path, '*/*');
      const disposition = response.headers.get('content-disposition') ?? '';
      const name = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
      return { blob: await response.blob(), fileName: name };
    },
  };
}
