import { CliError, EXIT, exitCodeOfStatus } from './exit-codes.js';

/** The default time a request may take before the relay counts as unreachable. */
const TIMEOUT_MS = 15_000;

/** A relay answer: its status and parsed JSON body (null when empty). */
export interface RelayAnswer<T = unknown> {
  status: number;
  body: T;
}

/** Calls the relay's API with a bearer token. */
export interface RelayClient {
  readonly relay: string;
  /** Sends the request and answers the 2xx body; throws a `CliError` with the matching exit code otherwise. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Sends the request and answers whatever came back (non-2xx included); throws only when the relay is unreachable. */
  send<T = unknown>(method: string, path: string, body?: unknown): Promise<RelayAnswer<T>>;
}

/** The error a non-2xx answer turns into: the relay's own message and field, and the exit code its status means. */
export function answerError(answer: RelayAnswer): CliError {
  const body = (answer.body ?? {}) as { error?: unknown; field?: unknown };
  const message = typeof body.error === 'string' ? body.error : `the relay answered HTTP ${answer.status}`;
  return new CliError(exitCodeOfStatus(answer.status), message, typeof body.field === 'string' ? body.field : undefined);
}

/** Creates a client of `relay` (a base URL) sending `token`; `fetcher` is injectable for tests. */
export function createRelayClient(relay: string, token: string, fetcher: typeof fetch = fetch): RelayClient {
  async function send<T>(method: string, path: string, body?: unknown): Promise<RelayAnswer<T>> {
    let response: Response;
    try {
      response = await fetcher(`${relay}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      // fetch fails with "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, "bad port", a timeout) is in its cause.
      const reason = (error as { cause?: { code?: string; message?: string } }).cause;
      const cause = reason?.code ?? reason?.message ?? (error as Error).name;
      throw new CliError(EXIT.unreachable, `cannot reach the relay at ${relay} (${cause})`);
    }
    const text = await response.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = { error: `the relay answered HTTP ${response.status} with a body that is not JSON` };
      }
    }
    return { status: response.status, body: parsed as T };
  }
  return {
    relay,
    send,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const answer = await send<T>(method, path, body);
      if (answer.status < 200 || answer.status >= 300) throw answerError(answer);
      return answer.body;
    },
  };
}
