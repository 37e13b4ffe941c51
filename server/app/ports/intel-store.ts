import type { Indicator, IndicatorType, IndicatorVisibility } from '../../../shared/schemas/intel.js';

/** An indicator as its row holds it, without its incident links. */
export type IndicatorRecord = Omit<Indicator, 'incidentIds'>;

/** Which indicators a list read returns; every field narrows it. */
export interface IndicatorFilter {
  type?: IndicatorType;
  /** Carries this tag (exact). */
  tag?: string;
  /** Its value, source or notes contain this text (case-insensitive). */
  q?: string;
  /** Only these visibilities (all when absent). */
  visibility?: readonly IndicatorVisibility[];
  /** Only indicators live at this instant (no expiry, or expiring after it). */
  liveAt?: Date;
  /** At most this many, by type and value. */
  limit?: number;
}

/** Who reads incident links: links to confidential incidents they may not know are left out. */
export interface LinkViewer {
  userId: string;
  /** Admins and IR managers see every incident. */
  seesAll: boolean;
}

/** One indicator↔incident link. */
export interface IndicatorLink {
  indicatorId: string;
  incidentId: string;
  linkedAt: Date;
}

/** The store's part for the threat-intelligence database. `StoreSession` extends it. */
export interface IntelSession {
  /** Indicators matching `filter`, by type then value, each with the incident links `viewer` may know. */
  listIndicators(filter: IndicatorFilter, viewer: LinkViewer): Promise<Indicator[]>;
  /** One indicator by id with the links `viewer` may know. */
  getIndicator(id: string, viewer: LinkViewer): Promise<Indicator | undefined>;
  /** One indicator by its normalised type and value (without links). */
  findIndicator(type: IndicatorType, value: string): Promise<IndicatorRecord | undefined>;
  /** Every indicator live at `at`, without links (what the ingest matcher indexes). */
  listLiveIndicators(at: Date): Promise<IndicatorRecord[]>;
  /** Adds or replaces an indicator's row by id; a second row with its type and value is a StoreConflictError. */
  saveIndicator(record: IndicatorRecord): Promise<void>;
  /** Deletes an indicator and its links; false when there was none. */
  deleteIndicator(id: string): Promise<boolean>;
  /** Adds links (ones already there are kept as they are); answers how many were new. */
  linkIndicators(links: readonly IndicatorLink[]): Promise<number>;
  /** Sets `lastSeenAt` of these indicators to `at` where it is earlier. */
  touchIndicators(ids: readonly string[], at: Date): Promise<void>;
}
