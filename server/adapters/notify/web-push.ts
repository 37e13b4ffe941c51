import { createHash } from 'node:crypto';
import webpush from 'web-push';
import type { Clock } from '../../app/ports/clock.js';
import type { ContactAddress, Notifier, PageMessage, SendResult } from '../../app/ports/notifier.js';
import type { Priority } from '../../../shared/schemas/priority.js';
import { WebPushSubscriptionSchema } from '../../../shared/schemas/contact.js';
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

/** The relay's VAPID identity (RFC 8292): a P-256 key pair in base64url and a contact URL or mailto:. */
export interface VapidDetails {
  publicKey: string;
  privateKey: string;
  /** `mailto:ops@example.com` or an https URL; push services contact it about problems. */
  subject: string;
}

/** What the Web Push notifier needs. */
export interface WebPushNotifierDeps {
  vapid: VapidDetails;
  /** Sends the request `web-push` prepared; the guarded outbound fetch (no allow-list) when not given. */
  fetch?: Fetch;
  /** How long the push service keeps an undelivered page; 3,600 s when not given. */
  ttlSeconds?: number;
  /** Reads Retry-After dates; the wall clock when not given. */
  clock?: Pick<Clock, 'now'>;
  timeoutMs?: number;
}

/** The JSON the phone app's service worker receives (decrypted) for a page. */
export interface WebPushPayload {
  pageId: string;
  incidentId: string;
  summary: string;
  priority: Priority;
  serviceName: string;
  attempt: number;
  createdAt: string;
  openUrl: string;
  actions: PageMessage['actions'];
}

/** RFC 8030 urgency: high pages may wake a phone that saves battery; low ones wait for it. */
const URGENCY: Record<Priority, webpush.Urgency> = { high: 'high', medium: 'normal', low: 'low' };

/** Push services accept 4,096 bytes of ciphertext; summaries are cut so the payload stays well below. */
const MAX_SUMMARY = 1_000;

/**
 * Makes a VAPID key pair for the relay (run once; store both keys and serve the public one to the
 * phone app, which subscribes with it as `applicationServerKey`).
 */
export function generateVapidKeys(): Omit<VapidDetails, 'subject'> {
  return webpush.generateVAPIDKeys();
}

/** Renders a page as the Web Push payload the service worker shows and answers from. */
export function renderWebPushPayload(message: PageMessage): WebPushPayload {
  return {
    pageId: message.pageId,
    incidentId: message.incidentId,
    summary: message.summary.length > MAX_SUMMARY ? `${message.summary.slice(0, MAX_SUMMARY)}…` : message.summary,
    priority: message.priority,
    serviceName: message.serviceName,
    attempt: message.attempt,
    createdAt: message.createdAt,
    openUrl: message.openUrl,
    actions: message.actions,
  };
}

/**
 * The RFC 8030 Topic for a page: a repeat of a page still waiting at the push service replaces it
 * instead of queueing behind it. Topics are at most 32 base64url characters, hence the hash.
 */
export function pageTopic(pageId: string): string {
  return createHash('sha256').update(pageId).digest('base64url').slice(0, 32);
}

/**
 * Creates the Web Push notifier. The contact's target is the browser's PushSubscription JSON. The
 * `web-push` package encrypts the payload (RFC 8291, aes128gcm) and signs the VAPID header; the
 * request is sent with `fetch` rather than web-push's own HTTPS-only client, so timeouts and answers
 * are handled like every other notifier. 2xx is delivered (the receipt is the push service's message
 * URL); 404 and 410 mean the subscription is gone for good; 429 and 5xx are retryable. The push
 * service's body is never echoed in the result: the endpoint is whatever the browser (or a caller of
 * the API) named.
 * Throws at creation when the VAPID details are unusable.
 */
export function createWebPushNotifier(deps: WebPushNotifierDeps): Notifier {
  const { vapid } = deps;
  try {
    // Signs a throwaway header so bad keys or a bad subject fail at start, not on the first page.
    webpush.getVapidHeaders('https://push.invalid', vapid.subject, vapid.publicKey, vapid.privateKey, 'aes128gcm');
  } catch (error) {
    throw new Error('createWebPushNotifier: the VAPID keys or subject are not usable', { cause: error });
  }
  const fetchFn = deps.fetch ?? createOutboundFetch();
  const clock = deps.clock ?? wallClock;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ttl = deps.ttlSeconds ?? 3600;

  return {
    channel: 'push',
    async send(contact: ContactAddress, message: PageMessage): Promise<SendResult> {
      const subscription = WebPushSubscriptionSchema.safeParse(parseJson(contact.target));
      if (!subscription.success) {
        const issue = subscription.error.issues[0];
        return { ok: false, retryable: false, error: `not a push subscription: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() };
      }
      let request: webpush.RequestDetails;
      try {
        request = webpush.generateRequestDetails(subscription.data, JSON.stringify(renderWebPushPayload(message)), {
          vapidDetails: vapid,
          TTL: ttl,
          urgency: URGENCY[message.priority],
          topic: pageTopic(message.pageId),
          contentEncoding: 'aes128gcm',
        });
      } catch (error) {
        // The keys passed the schema but are not a point on P-256, or similar: this subscription is unusable.
        return { ok: false, retryable: false, error: `cannot encrypt for this subscription: ${error instanceof Error ? error.message : String(error)}` };
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        // fetch computes Content-Length from the body itself.
        if (name.toLowerCase() !== 'content-length') headers[name] = String(value);
      }

      const init: RequestInit = { method: 'POST', headers };
      if (request.body) init.body = new Uint8Array(request.body);
      const answer = await callService(fetchFn, request.endpoint, init, timeoutMs);
      if (isSendFailure(answer)) return answer;
      await readText(answer);
      if (answer.ok) {
        const location = answer.headers.get('location');
        return location ? { ok: true, receipt: location } : { ok: true };
      }
      const error = `push service ${answer.status}`;
      if (answer.status === 404 || answer.status === 410) return { ok: false, retryable: false, gone: true, error };
      return failureForStatus(answer, error, clock.now());
    },
  };
}
