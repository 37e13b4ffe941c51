import type { HeartbeatState } from '../../../shared/schemas/heartbeat.js';

/** A heartbeat's state as the store keeps it, one per heartbeat integration that was ever pinged. */
export interface HeartbeatRecord {
  integrationId: string;
  serviceId: string;
  state: HeartbeatState;
  lastPingAt: Date | null;
  /** When an incident opens unless a ping comes first (null while late). */
  deadlineAt: Date | null;
  /** The open heartbeat incident while late. */
  incidentId: string | null;
  updatedAt: Date;
}

/** The store's part for heartbeat monitors. `StoreSession` extends it. */
export interface HeartbeatSession {
  /** Every stored heartbeat, by integration id. */
  listHeartbeats(): Promise<HeartbeatRecord[]>;
  getHeartbeat(integrationId: string): Promise<HeartbeatRecord | undefined>;
  /** Adds or replaces a heartbeat's row. */
  saveHeartbeat(record: HeartbeatRecord): Promise<void>;
  /**
   * The cheap path of a ping: moves the last ping and the deadline of a heartbeat that is `ok` or
   * `relay-down` (it becomes `ok`) in one statement, and tells whether it did; a heartbeat in another
   * state, or without a row, is left alone (false).
   */
  recordPing(integrationId: string, at: Date, deadlineAt: Date): Promise<boolean>;
  /**
   * Marks a heartbeat `late` with its open incident, but only while its deadline is still `deadlineAt`
   * (a ping that came meanwhile wins); tells whether it did.
   */
  markHeartbeatLate(integrationId: string, deadlineAt: Date, incidentId: string | null, at: Date): Promise<boolean>;
  deleteHeartbeat(integrationId: string): Promise<void>;
  /** The latest instant any relay node vouched to be alive until (its last job-runner heartbeat), if any. */
  lastRelayAliveUntil(): Promise<Date | undefined>;
}
