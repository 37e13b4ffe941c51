import type { Clock } from '../../app/ports/clock.js';
import type { ContactAddress, Notifier, PageMessage, SendResult } from '../../app/ports/notifier.js';
import type { Priority } from '../../../shared/schemas/priority.js';
import { PUSHOVER_API_URL, PUSHOVER_KEY, parsePushoverTarget, pushoverError } from './pushover-api.js';
import {
  cancelPushoverReceipt,
  pollPushoverReceipt,
  type PushoverReceiptContext,
  type PushoverReceiptStatus,
} from './pushover-receipts.js';
import {
  DEFAULT_TIMEOUT_MS,
  callService,
  failureForStatus,
  isSendFailure,
  parseJson,
  readText,
  wallClock,
  type Fetch,
} from './service-call.js';
import { createOutboundFetch } from '../outbound/outbound-fetch.js';

/** What the Pushover notifier needs. */
export interface PushoverNotifierDeps {
  /** Sends the request; the guarded outbound fetch (no allow-list) when not given. */
  fetch?: Fetch;
  /** Pushover's API base URL; `https://api.pushover.net` when not given. */
  apiUrl?: string;
  /** The relay's Pushover application token (30 letters and digits). */
  appToken: string;
  /** Where Pushover POSTs when an emergency page is acknowledged; no callback when not given. */
  callbackUrl?: string;
  /** Seconds between Pushover's repeats of an emergency page (at least 30); 60 when not given. */
  emergencyRetrySeconds?: number;
  /** Seconds Pushover keeps repeating an emergency page (at most 10,800); 3,600 when not given. */
  emergencyExpireSeconds?: number;
  /** Reads Retry-After dates; the wall clock when not given. */
  clock?: Pick<Clock, 'now'>;
  timeoutMs?: number;
}

/** The Pushover notifier: the port's `send` and `cancel`, plus receipt polling for emergency pages. */
export interface PushoverNotifier extends Notifier {
  /** Stops Pushover's repeats of an emergency page; throws when Pushover refuses. */
  cancel(receipt: string): Promise<void>;
  /** Tells whether an emergency page was acknowledged (= read); throws when Pushover cannot answer. */
  pollReceipt(receipt: string): Promise<PushoverReceiptStatus>;
}

/** Pushover priorities: 2 (emergency) repeats until acknowledged, 1 bypasses quiet hours, 0 is normal. */
const PUSHOVER_PRIORITY: Record<Priority, 0 | 1 | 2> = { high: 2, medium: 1, low: 0 };

/** Pushover's field limits; longer values are refused with a 400, so they are cut here. */
const LIMITS = { title: 250, message: 1024, url: 512 } as const;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The message as Pushover's HTML (`html=1`, which shows `<a href>` links): the summary, escaped and
 * cut so that the whole fits the message limit, then the signed Read and Acknowledge links. Each
 * opens the relay's confirm page, whose button POSTs the signed URL (so a read can stop the
 * escalation from a medium or low page too, which has no emergency acknowledgement).
 */
function htmlMessage(message: PageMessage): string {
  const footer = `\n\n<a href="${escapeHtml(message.actions.read)}">Read</a> · <a href="${escapeHtml(message.actions.acknowledge)}">Acknowledge</a>`;
  if (footer.length > LIMITS.message / 2) return cut(escapeHtml(message.summary), LIMITS.message);
  const room = LIMITS.message - footer.length;
  let body = escapeHtml(message.summary);
  // Cut the plain summary (never an entity in half) until its escaped form fits.
  for (let keep = message.summary.length; body.length > room && keep > 0; ) {
    keep = Math.max(0, keep - (body.length - room) - 1);
    body = `${escapeHtml(message.summary.slice(0, keep))}…`;
  }
  return `${body}${footer}`;
}

/**
 * Renders a page as the form fields of `POST /1/messages.json`: high pages are emergencies that
 * Pushover repeats every `retry` seconds for `expire` seconds until acknowledged.
 */
export function renderPushoverForm(
  message: PageMessage,
  to: { userKey: string; device?: string },
  options: { appToken: string; retry: number; expire: number; callbackUrl?: string | undefined },
): URLSearchParams {
  const repeat = message.attempt > 1 ? ` (repeat ${message.attempt})` : '';
  const form = new URLSearchParams({
    token: options.appToken,
    user: to.userKey,
    title: cut(`${message.priority.toUpperCase()} · ${message.serviceName}${repeat}`, LIMITS.title),
    message: htmlMessage(message),
    html: '1',
    priority: String(PUSHOVER_PRIORITY[message.priority]),
  });
  if (message.openUrl.length <= LIMITS.url) {
    form.set('url', message.openUrl);
    form.set('url_title', 'Open in Klaxon');
  }
  const created = Date.parse(message.createdAt);
  if (!Number.isNaN(created)) form.set('timestamp', String(Math.floor(created / 1000)));
  if (to.device) form.set('device', to.device);
  if (message.priority === 'high') {
    form.set('retry', String(options.retry));
    form.set('expire', String(options.expire));
    if (options.callbackUrl) form.set('callback', options.callbackUrl);
  }
  return form;
}

/**
 * Creates the Pushover notifier. A contact's target is its user key (see `pushoverTarget`); the
 * receipt of an emergency (high) page is Pushover's receipt, to poll or cancel; other pages have none.
 * Throws at creation for a malformed token or emergency timing, which are configuration mistakes.
 */
export function createPushoverNotifier(deps: PushoverNotifierDeps): PushoverNotifier {
  if (!PUSHOVER_KEY.test(deps.appToken)) {
    throw new Error('createPushoverNotifier: appToken must be the 30-character Pushover application token');
  }
  const retry = deps.emergencyRetrySeconds ?? 60;
  const expire = deps.emergencyExpireSeconds ?? 3600;
  if (!Number.isInteger(retry) || retry < 30 || !Number.isInteger(expire) || expire < retry || expire > 10_800) {
    throw new Error(`createPushoverNotifier: need 30 <= retry <= expire <= 10800 seconds, got ${retry} and ${expire}`);
  }
  const apiUrl = deps.apiUrl ?? PUSHOVER_API_URL;
  const clock = deps.clock ?? wallClock;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchFn = deps.fetch ?? createOutboundFetch();
  const receipts: PushoverReceiptContext = { fetch: fetchFn, apiUrl, appToken: deps.appToken, timeoutMs };

  return {
    channel: 'pushover',
    async send(contact: ContactAddress, message: PageMessage): Promise<SendResult> {
      const to = parsePushoverTarget(contact.target);
      if (!to) return { ok: false, retryable: false, error: 'not a Pushover user key' };
      const form = renderPushoverForm(message, to, { appToken: deps.appToken, retry, expire, callbackUrl: deps.callbackUrl });

      const url = new URL('/1/messages.json', apiUrl);
      const answer = await callService(fetchFn, url, { method: 'POST', body: form }, timeoutMs);
      if (isSendFailure(answer)) return answer;
      const text = await readText(answer);
      if (!answer.ok) return failureForStatus(answer, pushoverError(answer.status, text), clock.now());
      const body = parseJson(text);
      if (!body || typeof body !== 'object' || !('status' in body) || body.status !== 1) {
        // A 200 without status 1 is not a documented answer; the message may not have been queued.
        return { ok: false, retryable: true, error: pushoverError(answer.status, text) };
      }
      const receipt = 'receipt' in body && typeof body.receipt === 'string' ? body.receipt : undefined;
      return receipt ? { ok: true, receipt } : { ok: true };
    },
    cancel: (receipt) => cancelPushoverReceipt(receipts, receipt),
    pollReceipt: (receipt) => pollPushoverReceipt(receipts, receipt),
  };
}
