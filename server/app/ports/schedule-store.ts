import type { SwapRequest, SwapStatus } from '../../../shared/schemas/swap.js';

/** A calendar feed, per user or per schedule, as the store keeps it: only the SHA-256 of its token. */
export interface CalendarFeedRecord {
  kind: 'user' | 'schedule';
  /** The user id or schedule id the feed shows. */
  subject: string;
  /** The SHA-256 hex of the feed's token; the token itself is shown once and never stored. */
  tokenHash: string;
  createdAt: Date;
}

/**
 * How a schedule came to be as stored: `configDigest` is the digest of the KLAXON_CONFIG declaration
 * last applied (null when the file never declared it), `editedAt`/`editedBy` the last edit made
 * through the API (null when none since the file last wrote it).
 */
export interface ScheduleSourceRecord {
  scheduleId: string;
  configDigest: string | null;
  editedAt: Date | null;
  editedBy: string | null;
}

/** A page someone received, with the team of its incident. */
export interface PageActivityRecord {
  userId: string;
  incidentId: string;
  teamId: string;
  at: Date;
}

/** An incident someone acknowledged or resolved (a timeline event), with the incident's team. */
export interface HandledActivityRecord {
  userId: string;
  incidentId: string;
  teamId: string;
  at: Date;
}

/** Which swap requests to list; every filter given must match. */
export interface SwapFilter {
  scheduleId?: string;
  /** Requests this person made or was asked. */
  userId?: string;
  status?: SwapStatus;
}

/**
 * The store's part for schedules beyond the config documents: swap requests, calendar feed tokens,
 * where each schedule came from, and the paging history fair on-call reads. `StoreSession` extends it.
 */
export interface ScheduleStoreSession {
  insertSwap(swap: SwapRequest): Promise<void>;
  getSwap(id: string): Promise<SwapRequest | undefined>;
  /** Requests matching `filter`, newest first. */
  listSwaps(filter: SwapFilter): Promise<SwapRequest[]>;
  /** Settles a pending request; answers false (and changes nothing) when it is no longer pending. */
  settleSwap(id: string, status: SwapStatus, decidedAt: Date, decidedBy: string): Promise<boolean>;
  /** Adds or replaces the feed of (kind, subject). */
  saveCalendarFeed(feed: CalendarFeedRecord): Promise<void>;
  getCalendarFeed(kind: CalendarFeedRecord['kind'], subject: string): Promise<CalendarFeedRecord | undefined>;
  /** Finds a feed by the SHA-256 hex of its token. */
  findCalendarFeed(tokenHash: string): Promise<CalendarFeedRecord | undefined>;
  getScheduleSource(scheduleId: string): Promise<ScheduleSourceRecord | undefined>;
  saveScheduleSource(source: ScheduleSourceRecord): Promise<void>;
  /** Pages created in [from, to), oldest first. */
  listPageActivity(from: Date, to: Date): Promise<PageActivityRecord[]>;
  /** Acknowledgements and resolutions by people in [from, to), oldest first. */
  listHandledActivity(from: Date, to: Date): Promise<HandledActivityRecord[]>;
}
