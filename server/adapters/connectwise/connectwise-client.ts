import type { OutboundFetch } from '../outbound/outbound-fetch.js';
import {
  ConnectWiseCallError,
  type ConnectWiseApi,
  type ConnectWiseCredentials,
  type NewTicket,
  type TicketNote,
} from '../../app/ports/connectwise-api.js';

/** How the ConnectWise client is set up. */
export interface ConnectWiseClientOptions {
  /** The relay's one outbound fetch (address guard, no redirects, capped bodies). */
  fetch: OutboundFetch;
  /** How long one call may take before it is given up (default 15 s). */
  timeoutMs?: number;
}

/** The longest Retry-After honoured; a longer one is cut to this (the job's backoff takes over). */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

/** Reads `Retry-After` (seconds or an HTTP date) as milliseconds from `now`. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d{1,9}$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/** The Basic credentials ConnectWise asks for: `company+publicKey:privateKey`. */
export function basicAuth(credentials: ConnectWiseCredentials): string {
  const user = `${credentials.companyId}+${credentials.publicKey}:${credentials.privateKey}`;
  return `Basic ${Buffer.from(user, 'utf8').toString('base64')}`;
}

/** The REST base of a site, e.g. `https://api-na.myconnectwise.net/v4_6_release/apis/3.0`. */
export function apiBase(credentials: Pick<ConnectWiseCredentials, 'site' | 'codebase'>): string {
  return `${credentials.site.replace(/\/+$/, '')}/${credentials.codebase.replace(/^\/+|\/+$/g, '')}`;
}

/**
 * Creates a thin typed client over ConnectWise Manage's REST API: `POST /service/tickets`,
 * `PATCH /service/tickets/{id}` (JSON Patch on `status`) and `POST /service/tickets/{id}/notes`.
 * Every call carries the Basic auth and `clientId` headers and goes through the relay's outbound
 * fetch; a refusal throws a `ConnectWiseCallError` with the status and the server's Retry-After,
 * never the answer's body (it may echo what was sent).
 */
export function createConnectWiseClient(options: ConnectWiseClientOptions): ConnectWiseApi {
  const timeoutMs = options.timeoutMs ?? 15_000;

  const call = async (credentials: ConnectWiseCredentials, method: string, path: string, body: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await options.fetch(`${apiBase(credentials)}${path}`, {
        method,
        headers: {
          authorization: basicAuth(credentials),
          clientId: credentials.clientId,
          accept: 'application/json',
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const what = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'could not reach ConnectWise';
      throw new ConnectWiseCallError(`${method} ${path.replace(/\d+/g, '{id}')}: ${what}`, 0);
    }
    if (response.ok) {
      const text = await response.text();
      return text ? (JSON.parse(text) as unknown) : undefined;
    }
    // Read to the end (the outbound fetch caps it) and dropped: the body may echo what was sent.
    await response.arrayBuffer().catch(() => undefined);
    const retryAfter = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
    throw new ConnectWiseCallError(`${method} ${path.replace(/\d+/g, '{id}')}: ConnectWise answered ${response.status}`, response.status, retryAfter);
  };

  return {
    async createTicket(credentials, ticket: NewTicket) {
      const answer = (await call(credentials, 'POST', '/service/tickets', {
        summary: ticket.summary.slice(0, 100),
        board: { name: ticket.board },
        status: { name: ticket.status },
        priority: { name: ticket.priority },
        ...(ticket.type ? { type: { name: ticket.type } } : {}),
        company: ticket.company.id !== undefined ? { id: ticket.company.id } : { identifier: ticket.company.identifier },
        initialDescription: ticket.initialDescription,
      })) as { id?: unknown } | undefined;
      if (typeof answer?.id !== 'number') throw new ConnectWiseCallError('POST /service/tickets: the answer names no ticket id', 502);
      return { id: answer.id };
    },
    async setStatus(credentials, ticketId, status) {
      await call(credentials, 'PATCH', `/service/tickets/${ticketId}`, [{ op: 'replace', path: 'status', value: { name: status } }]);
    },
    async addNote(credentials, ticketId, note: TicketNote) {
      await call(credentials, 'POST', `/service/tickets/${ticketId}/notes`, {
        text: note.text,
        detailDescriptionFlag: !note.internal,
        internalAnalysisFlag: note.internal,
        resolutionFlag: note.resolution === true,
      });
    },
  };
}
