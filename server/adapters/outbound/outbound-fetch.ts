import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Readable, Transform, pipeline } from 'node:stream';
import type { Log } from '../log/create-logger.js';
import { createAddressGuard, type AddressGuard } from './address-guard.js';
import { DestinationRefusedError, guardedLookup } from './guarded-lookup.js';

/** The `fetch` every provider adapter sends with. */
export type OutboundFetch = typeof fetch;

/** How the outbound fetch is set up. */
export interface OutboundFetchOptions {
  /** Decides which addresses may be reached; by default every forbidden range is refused. */
  guard?: AddressGuard;
  /** Where failed requests are noted at debug level (host only, never the path, query or body). */
  log?: Pick<Log, 'debug'>;
  /** The most bytes of an answer's body kept; the rest is dropped (default 64 KiB). */
  maxBodyBytes?: number;
}

/** Answers whose status forbids a body, as the `Response` constructor insists. */
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/** Cuts a body stream after `max` bytes, so a hostile service cannot fill the relay's memory. */
function capped(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const room = max - seen;
      seen += chunk.length;
      if (room > 0) this.push(room >= chunk.length ? chunk : chunk.subarray(0, room));
      if (seen >= max) this.push(null);
      done();
    },
  });
}

function headersOf(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < message.rawHeaders.length; i += 2) headers.append(message.rawHeaders[i]!, message.rawHeaders[i + 1]!);
  return headers;
}

function bodyOf(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError('outbound fetch: only string, Uint8Array and URLSearchParams bodies are supported');
}

/**
 * Creates the one outbound-HTTP client of the relay, a `fetch` for the provider adapters that:
 * connects only to addresses the guard allows (an IP literal is checked before connecting, a name on
 * the resolved addresses the socket then connects to, so DNS rebinding cannot slip past), follows no
 * redirects (a 3xx is an answer like any other), honours the caller's abort signal (timeouts), and
 * keeps at most `maxBodyBytes` of an answer. A refused destination rejects with a
 * `DestinationRefusedError`; failures are logged at debug with the host alone.
 */
export function createOutboundFetch(options: OutboundFetchOptions = {}): OutboundFetch {
  const guard = options.guard ?? createAddressGuard();
  const lookup = guardedLookup(guard);
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;

  const outboundFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const fail = (error: unknown): never => {
      const code = error instanceof Error && 'code' in error ? String(error.code) : error instanceof Error ? error.name : 'unknown';
      options.log?.debug({ host: url.host, code }, 'outbound request failed');
      throw error;
    };
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new TypeError('outbound fetch: only http and https URLs'));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0 && !guard.allows(host)) return Promise.reject(new DestinationRefusedError()).catch(fail);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason).catch(fail);

    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = bodyOf(init.body);
    // As fetch does: a form body names its type, and every body its length (no chunked uploads).
    if (init.body instanceof URLSearchParams) headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<Response>((resolve, reject) => {
      const request = send(url, { method: init.method ?? 'GET', headers, lookup, signal }, (message) => {
        const status = message.statusCode ?? 502;
        const empty = NULL_BODY_STATUS.has(status) || init.method === 'HEAD';
        if (empty) message.resume();
        // pipeline, not pipe: a connection cut mid-body (or the timeout) errors the body, so reading it ends.
        const body = empty ? undefined : pipeline(message, capped(maxBodyBytes), () => undefined);
        const stream = body ? (Readable.toWeb(body) as ReadableStream<Uint8Array>) : null;
        resolve(new Response(stream, { status, statusText: message.statusMessage ?? '', headers: headersOf(message) }));
      });
      // An abort rejects with the signal's reason (a TimeoutError for AbortSignal.timeout), as fetch does.
      request.on('error', (error) => reject(signal?.aborted ? signal.reason : error));
      request.end(body);
    }).catch(fail);
  };
  return outboundFetch as OutboundFetch;
}
