import {
  DEFAULT_TIMEOUT_MS,
  callService,
  failureForStatus,
  isSendFailure,
  parseJson,
  readText,
  shortText,
  wallClock,
  type Fetch,
  type SendFailure,
} from '../notify/service-call.js';
import type { Clock } from '../../app/ports/clock.js';

/** Twilio's public API; tests and other providers point the client elsewhere. */
export const TWILIO_API_URL = 'https://api.twilio.com';

/** What the client needs: the account, its token, and the outbound fetch. */
export interface TwilioClientOptions {
  fetch: Fetch;
  accountSid: string;
  authToken: string;
  /** The REST API's base URL; `https://api.twilio.com` when not given. */
  baseUrl?: string;
  clock?: Pick<Clock, 'now'>;
  timeoutMs?: number;
}

/** An SMS to send. */
export interface TwilioMessageRequest {
  to: string;
  from: string;
  body: string;
  /** Where the provider POSTs the message's delivery status. */
  statusCallback?: string;
}

/** A call to place: the provider fetches its script (TwiML) from `url` once it is answered. */
export interface TwilioCallRequest {
  to: string;
  from: string;
  url: string;
  statusCallback?: string;
  /** Seconds to let it ring before the call counts as not answered. */
  timeoutSeconds?: number;
}

/** A created resource: its SID, and for a message the segments it was split into (what is billed). */
export type TwilioCreated = { ok: true; sid: string; segments: number };

/** The thin typed client of the Messages and Calls resources; it never throws for a failed request. */
export interface TwilioClient {
  sendMessage(request: TwilioMessageRequest): Promise<TwilioCreated | SendFailure>;
  createCall(request: TwilioCallRequest): Promise<TwilioCreated | SendFailure>;
}

/** Hides phone numbers in a provider's text: the error lands on the incident timeline, which others read. */
const hideNumbers = (text: string) => text.replace(/\+?\d[\d ().-]{5,}\d/g, (m) => (m.replace(/\D/g, '').length >= 7 ? '<number>' : m));

/**
 * Reads the provider's error answer `{code, message}` as one line, with any phone number in it
 * hidden (providers quote the `To` number; a person's number must not reach the timeline).
 */
export function twilioError(status: number, text: string): string {
  const body = parseJson(text);
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') {
    const code = 'code' in body && (typeof body.code === 'number' || typeof body.code === 'string') ? ` (${body.code})` : '';
    return `Twilio ${status}${code}: ${hideNumbers(shortText(body.message))}`;
  }
  return `Twilio ${status}: ${hideNumbers(shortText(text)) || 'no error text'}`;
}

/**
 * Creates the client: form-encoded POSTs to `/2010-04-01/Accounts/<sid>/Messages.json` and
 * `…/Calls.json` with HTTP basic auth (account SID, auth token), through the relay's guarded outbound
 * fetch. A timeout, a network error, 429 or 5xx is a retryable failure; other 4xx are not.
 */
export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  const base = (options.baseUrl ?? TWILIO_API_URL).replace(/\/+$/, '');
  const clock = options.clock ?? wallClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const auth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const resource = (name: 'Messages' | 'Calls') => `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/${name}.json`;

  const create = async (name: 'Messages' | 'Calls', form: URLSearchParams): Promise<TwilioCreated | SendFailure> => {
    const answer = await callService(options.fetch, resource(name), { method: 'POST', body: form, headers: { authorization: auth, accept: 'application/json' } }, timeoutMs);
    if (isSendFailure(answer)) return answer;
    const text = await readText(answer);
    if (!answer.ok) return failureForStatus(answer, twilioError(answer.status, text), clock.now());
    const body = parseJson(text);
    const sid = body && typeof body === 'object' && 'sid' in body && typeof body.sid === 'string' ? body.sid : undefined;
    // A 2xx without a SID is no documented answer: the message or call may not exist.
    if (!sid || !/^[A-Za-z]{2}[0-9a-fA-F]{32}$/.test(sid)) return { ok: false, retryable: true, error: `Twilio ${answer.status}: no SID in the answer` };
    const raw = body && typeof body === 'object' && 'num_segments' in body ? Number(body.num_segments) : NaN;
    return { ok: true, sid, segments: Number.isInteger(raw) && raw > 0 ? raw : 1 };
  };

  return {
    sendMessage(request) {
      const form = new URLSearchParams({ To: request.to, From: request.from, Body: request.body });
      if (request.statusCallback) form.set('StatusCallback', request.statusCallback);
      return create('Messages', form);
    },
    createCall(request) {
      const form = new URLSearchParams({ To: request.to, From: request.from, Url: request.url, Method: 'POST', MachineDetection: 'Enable' });
      form.set('Timeout', String(request.timeoutSeconds ?? 30));
      if (request.statusCallback) {
        form.set('StatusCallback', request.statusCallback);
        form.set('StatusCallbackMethod', 'POST');
        form.append('StatusCallbackEvent', 'completed');
      }
      return create('Calls', form);
    },
  };
}
