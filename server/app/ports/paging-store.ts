import type { Page } from '../../../shared/schemas/page.js';
import type { Policy } from '../../../shared/schemas/policy.js';

/** An incident's running escalation: its frozen policy snapshot and the engine's state (JSON). */
export interface EscalationRecord {
  incidentId: string;
  /** The policy as it was when the escalation started; later edits do not change it. */
  policy: Policy;
  /** The escalation core's state, stored as JSON and checked on read. */
  state: unknown;
  updatedAt: Date;
}

/** A phone registered for pages: its owner and the SHA-256 of its device token. */
export interface DeviceRecord {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
}

/** The reads and writes of escalations, pages and devices; part of every store session. */
export interface PagingSession {
  /**
   * Reads an incident's escalation. Inside a transaction the row stays locked until the transaction
   * ends (PostgreSQL: `FOR UPDATE`; SQLite's write transaction already excludes every other writer),
   * so two relays never run the same incident's engine at once: the second waits, then reads what the
   * first saved.
   */
  getEscalation(incidentId: string): Promise<EscalationRecord | undefined>;
  /** Adds or replaces an incident's escalation record. */
  saveEscalation(record: EscalationRecord): Promise<void>;
  /**
   * Adds a page and answers true; a page with the same id already stored is left as it is and the
   * answer is false (dedup by page id).
   */
  insertPage(page: Page): Promise<boolean>;
  getPage(id: string): Promise<Page | undefined>;
  /**
   * Adds many pages at once (a level's pages, in multi-row inserts) and answers the ids added; a
   * page whose id is already stored is left as it is and is not among them.
   */
  insertPages(pages: readonly Page[]): Promise<Set<string>>;
  /** Reads the pages of `ids` that exist, in no particular order. */
  getPages(ids: readonly string[]): Promise<Page[]>;
  /** Changes fields of a page; undefined when there is no such page. */
  updatePage(id: string, patch: Partial<Omit<Page, 'id'>>): Promise<Page | undefined>;
  /** Every page of an incident, oldest first. */
  listPages(incidentId: string): Promise<Page[]>;
  /**
   * A person's pages on a channel that are not read, failed or cancelled, of incidents that are not
   * resolved, oldest first (replayed to a phone when it connects).
   */
  listUnreadPages(userId: string, channel: Page['channel']): Promise<Page[]>;

  /** Registers a device; its token hash must be unique. */
  insertDevice(device: DeviceRecord): Promise<void>;
  /** Finds a device by the SHA-256 of its token, revoked or not (the caller checks revocation). */
  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined>;
  /** Every device, or a person's devices, oldest first. */
  listDevices(userId?: string): Promise<DeviceRecord[]>;
  /** Changes fields of a device (its name, last-seen or revocation time); a missing device is no error. */
  updateDevice(id: string, patch: Partial<Omit<DeviceRecord, 'id' | 'userId' | 'tokenHash'>>): Promise<void>;
}
