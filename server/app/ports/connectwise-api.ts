/** What ConnectWise needs to know about who calls: the site, the API path and the member's keys. */
export interface ConnectWiseCredentials {
  /** The site's origin, e.g. `https://api-na.myconnectwise.net`. */
  site: string;
  /** The codebase and API path, e.g. `v4_6_release/apis/3.0`. */
  codebase: string;
  /** The login company id. */
  companyId: string;
  publicKey: string;
  privateKey: string;
  /** The integration's clientId (sent as the `clientId` header). */
  clientId: string;
}

/** A new service ticket as Klaxon writes it (names of the tenant's board, status, priority, type). */
export interface NewTicket {
  summary: string;
  board: string;
  status: string;
  priority: string;
  type?: string;
  /** The company by identifier, or by its record id when the client names one. */
  company: { identifier?: string; id?: number };
  initialDescription: string;
}

/** A note on a ticket: internal analysis (technicians only) or discussion (shared with the customer). */
export interface TicketNote {
  text: string;
  internal: boolean;
  /** Marks the note as the ticket's resolution. */
  resolution?: boolean;
}

/** Why a call to ConnectWise failed: the HTTP status (0: no answer) and when to try again. */
export class ConnectWiseCallError extends Error {
  override readonly name = 'ConnectWiseCallError';

  /** Builds the error for `status` (0 when no answer came), with the server's `Retry-After` in ms. */
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** Whether trying again later may succeed (timeouts, 429, 5xx); 4xx otherwise will not. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** The ConnectWise Manage calls Klaxon makes; each throws a `ConnectWiseCallError` when refused. */
export interface ConnectWiseApi {
  /** Creates a service ticket and answers its id. */
  createTicket(credentials: ConnectWiseCredentials, ticket: NewTicket): Promise<{ id: number }>;
  /** Sets a ticket's status by name. */
  setStatus(credentials: ConnectWiseCredentials, ticketId: number, status: string): Promise<void>;
  /** Adds a note to a ticket. */
  addNote(credentials: ConnectWiseCredentials, ticketId: number, note: TicketNote): Promise<void>;
}
