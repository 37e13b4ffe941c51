import type { Clock } from '../../app/ports/clock.js';
import type { ContactAddress, Notifier, PageMessage, SendResult } from '../../app/ports/notifier.js';
import type { Priority } from '../../../shared/schemas/priority.js';
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

/** What the ntfy notifier needs. */
export interface NtfyNotifierDeps {
  /** Sends the request; the guarded outbound fetch (no allow-list) when not given. */
  fetch?: Fetch;
  /** The relay's public base URL; relative page URLs are made absolute against it (the phone calls them). */
  publicUrl: string;
  /** Reads Retry-After dates; the wall clock when not given. */
  clock?: Pick<Clock, 'now'>;
  timeoutMs?: number;
}

/** One ntfy action button (ntfy's "http" action: the phone app sends the request itself). */
export interface NtfyHttpAction {
  action: 'http';
  label: string;
  url: string;
  method: 'POST';
  clear: boolean;
}

/** The JSON body of ntfy's documented JSON publish (`POST` to the server's base URL). */
export interface NtfyPublish {
  topic: string;
  title: string;
  message: string;
  priority: 1 | 2 | 3 | 4 | 5;
  tags: string[];
  click: string;
  actions: NtfyHttpAction[];
}

/** ntfy priorities: 5 (max/urgent) keeps the Android app alerting through Do Not Disturb settings. */
const NTFY_PRIORITY: Record<Priority, NtfyPublish['priority']> = { high: 5, medium: 4, low: 3 };
/** ntfy turns tags that name an emoji into that emoji before the title. */
const NTFY_TAGS: Record<Priority, string> = { high: 'rotating_light', medium: 'warning', low: 'information_source' };
/** ntfy refuses messages over 4,096 bytes; summaries are cut well below that. */
const MAX_MESSAGE = 3_000;

/**
 * Splits a topic URL (`https://ntfy.example/alerts`) into the server's base URL and the topic;
 * undefined when the target is not an http(s) URL ending with a topic.
 */
export function splitTopicUrl(target: string): { baseUrl: string; topic: string } | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const segments = url.pathname.split('/');
  const topic = segments.pop() ?? '';
  if (!/^[-_A-Za-z0-9]{1,64}$/.test(topic)) return undefined;
  url.pathname = `${segments.join('/')}/`;
  url.search = '';
  url.hash = '';
  return { baseUrl: url.toString(), topic };
}

/**
 * Renders a page as ntfy's JSON publish: priority by the page's priority, Read and Acknowledge as
 * `http` action buttons that POST to the page's signed URLs, and a click that opens the page.
 */
export function renderNtfyPublish(topic: string, message: PageMessage, publicUrl: string): NtfyPublish {
  const absolute = (url: string) => new URL(url, publicUrl).toString();
  const repeat = message.attempt > 1 ? ` (repeat ${message.attempt})` : '';
  const summary = message.summary.length > MAX_MESSAGE ? `${message.summary.slice(0, MAX_MESSAGE)}…` : message.summary;
  return {
    topic,
    title: `${message.priority.toUpperCase()} · ${message.serviceName}${repeat}`,
    message: summary,
    priority: NTFY_PRIORITY[message.priority],
    tags: [NTFY_TAGS[message.priority]],
    click: absolute(message.openUrl),
    actions: [
      { action: 'http', label: 'Read', url: absolute(message.actions.read), method: 'POST', clear: true },
      { action: 'http', label: 'Acknowledge', url: absolute(message.actions.acknowledge), method: 'POST', clear: true },
    ],
  };
}

/**
 * Names ntfy's error answer `{code, http, error}` by its status and ntfy's numeric error code. The
 * server is the person's choice, so none of its text is echoed (a test page could read it back).
 */
function ntfyError(status: number, text: string): string {
  const body = parseJson(text);
  const code = body && typeof body === 'object' && 'code' in body && Number.isInteger(body.code) ? ` (${String(body.code)})` : '';
  return `ntfy ${status}${code}`;
}

/**
 * Creates the ntfy notifier: the contact's target is a topic URL and its secret, when set, an access
 * token sent as `Authorization: Bearer`. The receipt of a send is ntfy's message id.
 */
export function createNtfyNotifier(deps: NtfyNotifierDeps): Notifier {
  try {
    new URL(deps.publicUrl);
  } catch (error) {
    throw new Error(`createNtfyNotifier: publicUrl must be an absolute URL, got "${deps.publicUrl}"`, { cause: error });
  }
  const clock = deps.clock ?? wallClock;
  const fetchFn = deps.fetch ?? createOutboundFetch();
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    channel: 'ntfy',
    async send(contact: ContactAddress, message: PageMessage): Promise<SendResult> {
      const where = splitTopicUrl(contact.target);
      if (!where) return { ok: false, retryable: false, error: 'not an ntfy topic URL' };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (contact.secret) headers.authorization = `Bearer ${contact.secret}`;
      const body = JSON.stringify(renderNtfyPublish(where.topic, message, deps.publicUrl));

      const answer = await callService(fetchFn, where.baseUrl, { method: 'POST', headers, body }, timeoutMs);
      if (isSendFailure(answer)) return answer;
      const text = await readText(answer);
      if (!answer.ok) return failureForStatus(answer, ntfyError(answer.status, text), clock.now());
      const published = parseJson(text);
      const id = published && typeof published === 'object' && 'id' in published ? published.id : undefined;
      return typeof id === 'string' ? { ok: true, receipt: id } : { ok: true };
    },
  };
}
