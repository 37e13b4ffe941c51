import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';

/**
 * A wallboard token as stored: only its SHA-256, never the token itself. A wallboard token can read
 * the wallboard statistics and nothing else; a manager creates it in the console and revokes it there.
 */
export interface WallboardTokenRecord {
  id: string;
  /** Where the screen hangs, e.g. "NOC wall left". */
  name: string;
  tokenHash: string;
  /** The manager who created it. */
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** The reads and writes of the wallboard: its tokens, and the bulk reads its statistics are computed from. */
export interface WallboardSession {
  /** Adds a wallboard token; its id and token hash must be unique. */
  insertWallboardToken(token: WallboardTokenRecord): Promise<void>;
  /** Finds a token by the SHA-256 of its text, revoked or not (the caller checks revocation). */
  findWallboardTokenByHash(tokenHash: string): Promise<WallboardTokenRecord | undefined>;
  /** Every wallboard token, oldest first, revoked ones included. */
  listWallboardTokens(): Promise<WallboardTokenRecord[]>;
  /** Revokes a token at `at`; revoking an unknown or already revoked token changes nothing. */
  revokeWallboardToken(id: string, at: Date): Promise<void>;
  /** Incidents first seen at or after `since`, oldest first. */
  listIncidentsOpenedSince(since: Date): Promise<Incident[]>;
  /** Pages created at or after `since`, oldest first. */
  listPagesCreatedSince(since: Date): Promise<Page[]>;
  /** When each alert received at or after `since` arrived, oldest first. */
  listAlertTimesSince(since: Date): Promise<Date[]>;
}
