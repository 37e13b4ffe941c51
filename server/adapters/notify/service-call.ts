import type { Clock } from '../../app/ports/clock.js';
import type { SendResult } from '../../app/ports/notifier.js';
import { DestinationRefusedError } from '../outbound/guarded-lookup.js';

/** The `fetch` a notifier calls its service with; tests and `main.ts` pass one in. */
export type Fetch = typeof fetch;

/**
 * A failed send as the notifiers in this folder return it: the port's failure, plus the wait the
 * service asked for (Retry-After) when it named one, which the retry stage honours.
 */
export type SendFailure = Extract<SendResult, { ok: false }> & { retryAfterMs?: number };

/** How long a notifier waits for a service to answer before it counts the send as a retryable failure. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The longest service error text kept in a result (the rest is cut, bodies can be HTML pages). */
const MAX_ERROR_TEXT = 300;

/** The default clock, used only to turn an HTTP-date Retry-After into a wait. */
export const wallClock: Pick<Clock, 'now'> = { now: () => new Date() };

/**
 * Reads a Retry-After header, delta-seconds or an HTTP date, as milliseconds from `now`; undefined
 * when the header is missing or unreadable.
 */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Tells whether an HTTP status is worth trying again: timeouts, throttling and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Builds the failure for a non-2xx answer: retryable per `isRetryableStatus`, with the service's
 * Retry-After when it sent one.
 */
export function failureForStatus(response: Response, error: string, now: Date): SendFailure {
  const failure: SendFailure = { ok: false, error, retryable: isRetryableStatus(response.status) };
  const wait = parseRetryAfter(response.headers.get('retry-after'), now);
  if (wait !== undefined) failure.retryAfterMs = wait;
  return failure;
}

/** Cuts a service's error text to a length that fits a page's error column and a log line. */
export function shortText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_ERROR_TEXT ? `${flat.slice(0, MAX_ERROR_TEXT)}…` : flat;
}

/** Reads an answer's body as text, or '' when the body cannot be read (the status still counts). */
export async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

/** Parses JSON text, or returns undefined for text that is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Calls a service with a timeout. A network error or a timeout is a retryable failure rather than an
 * exception, because a notifier never throws for a failed delivery; a destination the outbound guard
 * refuses is a failure that is not retried. The error text says "could not deliver" and nothing about
 * the host, port or kind of network failure, so that a person's contact cannot be used to probe the
 * network (the outbound fetch logs the detail at debug).
 */
export async function callService(
  fetchFn: Fetch,
  url: string | URL,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response | SendFailure> {
  try {
    return await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (error instanceof DestinationRefusedError) {
      return { ok: false, retryable: false, error: 'could not deliver: the destination is not allowed' };
    }
    return { ok: false, retryable: true, error: 'could not deliver: the destination did not answer' };
  }
}

/** Tells a failure from `callService` apart from a service's answer. */
export function isSendFailure(answer: Response | SendFailure): answer is SendFailure {
  return 'retryable' in answer;
}
