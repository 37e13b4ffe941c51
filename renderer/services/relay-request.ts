import type { z } from 'zod';

/** Where and as whom to call the relay's API. */
export interface RelayAuth {
  relayUrl: string;
  token: string;
}

/**
 * A refused or failed call to the relay's API. `message` is written for the person at the console:
 * the relay's own `error` text when it sent one (e.g. "to: from must be before to").
 */
export class RelayRequestError extends Error {
  /** The HTTP status, 0 when the relay could not be reached. */
  readonly status: number;
  /** The dotted path of the input the relay refused, when it named one. */
  readonly field: string | undefined;

  /** Creates an error with a message for the console user. */
  constructor(status: number, message: string, field?: string) {
    super(message);
    this.name = 'RelayRequestError';
    this.status = status;
    this.field = field;
  }
}

/** Options of one request. */
export interface RelayRequestOptions {
  /** How long to wait for the answer before calling the relay unreachable (default 30 s). */
  timeoutMs?: number;
  /** The `fetch` to use (tests inject a fake). */
  fetchImpl?: typeof fetch;
  /** What the `accept` header asks for (default JSON). */
  accept?: string;
  /** The HTTP method (default GET). */
  method?: string;
  /** A JSON body to send (with `content-type: application/json`). */
  body?: unknown;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The words for a refusal whose body says nothing. */
function refusal(status: number): string {
  if (status === 401) return 'Your session has ended; sign in again';
  if (status === 403) return 'Your role may not see this';
  if (status === 404) return 'The relay does not know this address (is it an older version?)';
  return `The relay answered HTTP ${status}`;
}

/**
 * Sends an authenticated request (a GET unless `options.method` says otherwise) to the relay and
 * returns the response when it is a 2xx. Anything else
 * throws a `RelayRequestError` carrying the relay's `{ error, field }` when its body has them.
 */
export async function relayFetch(auth: RelayAuth, path: string, options: RelayRequestOptions = {}): Promise<Response> {
  const fetchImpl = options.fetchImpl ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  let response: Response;
  try {
    const body = options.body === undefined ? {} : { body: JSON.stringify(options.body) };
    response = await fetchImpl(`${auth.relayUrl}${path}`, {
      method: options.method ?? 'GET',
      headers: {
        accept: options.accept ?? 'application/json',
        authorization: `Bearer ${auth.token}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...body,
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch {
    throw new RelayRequestError(0, `The relay at ${auth.relayUrl} is unreachable`);
  }
  if (response.ok) return response;
  const body = (await response.json().catch(() => undefined)) as { error?: unknown; message?: unknown; field?: unknown } | undefined;
  const text = typeof body?.error === 'string' && body.error ? body.error : typeof body?.message === 'string' && body.message ? body.message : refusal(response.status);
  throw new RelayRequestError(response.status, text, typeof body?.field === 'string' ? body.field : undefined);
}

/** GETs `path` and checks the JSON answer with `schema`; an answer that does not match is an error naming the field. */
export async function relayGetJson<T>(auth: RelayAuth, path: string, schema: z.ZodType<T>, options: RelayRequestOptions = {}): Promise<T> {
  const response = await relayFetch(auth, path, options);
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.map(String).join('.') || 'body';
    throw new RelayRequestError(response.status, `The relay sent an answer this console does not understand (${field})`);
  }
  return parsed.data;
}

/**
 * Sends `body` with `method` (POST, PUT, PATCH, DELETE) and checks the JSON answer with `schema`;
 * with a null schema the answer is not read.
 */
export async function relaySendJson<T>(
  auth: RelayAuth,
  method: string,
  path: string,
  body: unknown,
  schema: z.ZodType<T> | null,
  options: RelayRequestOptions = {},
): Promise<T> {
  if (!schema) {
    await relayFetch(auth, path, { ...options, method, body });
    return undefined as T;
  }
  return relayGetJson(auth, path, schema, { ...options, method, body });
}

/** A file the relay sent: its bytes and the name to save it under. */
export interface RelayDownload {
  blob: Blob;
  fileName: string;
}

/** Reads the file name of a `content-disposition` header (`attachment; filename="x.csv"`), if any. */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // A malformed encoded name falls back to the plain one.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || undefined;
}

/**
 * GETs `path` as a file (an authenticated download: a plain link could not send the token) and
 * returns its bytes with the name the relay gave it, or `fallbackName`.
 */
export async function relayDownload(auth: RelayAuth, path: string, fallbackName: string, options: RelayRequestOptions = {}): Promise<RelayDownload> {
  const response = await relayFetch(auth, path, { accept: '*/*', ...options });
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  // Only the last path segment: a name is never a path.
  const fileName = name.split(/[\\/]/).pop() || fallbackName;
  return { blob: await response.blob(), fileName };
}

/** Hands a downloaded file to the browser to save (an object URL on a temporary link). */
export function saveDownload(file: RelayDownload, doc: Document = document): void {
  const url = URL.createObjectURL(file.blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  doc.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL may go once the event loop moves on.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
