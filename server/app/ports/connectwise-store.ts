import type { ConnectWiseConnectionConfig, ConnectWiseSyncState } from '../../../shared/schemas/connectwise.js';

/** A ConnectWise connection as stored: its keys sealed (encrypted) or named environment variables. */
export interface ConnectWiseConnectionRecord {
  /** The connection without console-set keys (env names, mapping, clients, services). */
  connection: ConnectWiseConnectionConfig;
  /** The public and private keys set in the console, sealed by the secret box; null when not set. */
  publicKeySealed: string | null;
  privateKeySealed: string | null;
  managedBy: 'file' | 'console';
  /** The hash of the config file's entry it was last set from (a changed entry wins over console edits). */
  fileHash: string | null;
  /** When ConnectWise refused its keys (401), and why; calls stop until it is saved again. */
  brokenAt: Date | null;
  brokenReason: string | null;
}

/** Where one incident's ticket stands. */
export interface ConnectWiseTicketRecord {
  incidentId: string;
  connectionId: string;
  /** The ticket's id once created (or the callback's ticket for incidents ConnectWise opened). */
  ticketId: number | null;
  /** Who opened the ticket: Klaxon created it, or the incident came from a ConnectWise callback. */
  origin: 'klaxon' | 'connectwise';
  state: ConnectWiseSyncState;
  reason: string | null;
  /** The status name Klaxon last wrote, so a callback that only echoes it is skipped. */
  lastStatus: string | null;
  /** When the next attempt is due while calls wait for a retry. */
  retryAt: Date | null;
  updatedAt: Date;
}

/** One call waiting to be made to ConnectWise for an incident (the outbox), run in `ordinal` order. */
export interface ConnectWiseOpRecord {
  id: string;
  incidentId: string;
  ordinal: number;
  call: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
  /** Set when retries ran out; the call waits for a manual retry. */
  failed: boolean;
}

/** The store calls of the ConnectWise integration. */
export interface ConnectWiseSession {
  listConnectWiseConnections(): Promise<ConnectWiseConnectionRecord[]>;
  getConnectWiseConnection(id: string): Promise<ConnectWiseConnectionRecord | undefined>;
  upsertConnectWiseConnection(record: ConnectWiseConnectionRecord): Promise<void>;
  /** Tells whether it existed. */
  deleteConnectWiseConnection(id: string): Promise<boolean>;
  /** Marks a connection broken (or mended, with nulls). */
  setConnectWiseConnectionBroken(id: string, at: Date | null, reason: string | null): Promise<void>;
  getConnectWiseTicket(incidentId: string): Promise<ConnectWiseTicketRecord | undefined>;
  /** The incident that holds a ticket of a connection, if any. */
  findConnectWiseTicket(ticketId: number): Promise<ConnectWiseTicketRecord | undefined>;
  upsertConnectWiseTicket(record: ConnectWiseTicketRecord): Promise<void>;
  /** The ticket records of a connection in a sync state (to retry them once the connection is mended). */
  listConnectWiseTickets(connectionId: string, state: ConnectWiseSyncState): Promise<ConnectWiseTicketRecord[]>;
  addConnectWiseOp(op: ConnectWiseOpRecord): Promise<void>;
  /** An incident's waiting calls, in the order they run. */
  listConnectWiseOps(incidentId: string): Promise<ConnectWiseOpRecord[]>;
  updateConnectWiseOp(id: string, change: Pick<ConnectWiseOpRecord, 'attempts' | 'lastError' | 'failed'>): Promise<void>;
  deleteConnectWiseOp(id: string): Promise<void>;
}
