import type { Priority } from '../../../shared/schemas/priority.js';
import type { ReportActionItemFact, ReportIncidentFact, ReportPageFact } from '../../core/reports/report-facts.js';

export type { ReportActionItemFact, ReportIncidentFact, ReportPageFact };

/** The incidents a report covers: first seen in [fromMs, toMs), narrowed by the filters. */
export interface ReportRange {
  fromMs: number;
  toMs: number;
  team?: string;
  service?: string;
  client?: string;
  priority?: Priority;
  /** Only incidents this user was paged for. */
  responder?: string;
  /**
   * Who reads: confidential incidents are left out unless `seeAllConfidential`, or this user is on
   * their need-to-know list. The filter runs in the query, not on the result.
   */
  viewer: { userId: string; seeAllConfidential: boolean };
}

/** The store's reads for reports. `StoreSession` extends it. */
export interface ReportSession {
  /** The facts of every incident in the range the viewer may know (one indexed query). */
  reportIncidents(range: ReportRange): Promise<ReportIncidentFact[]>;
  /** Every page of those same incidents (one indexed query joined to the range). */
  reportPages(range: ReportRange): Promise<ReportPageFact[]>;
  /** The action items of these post-mortems. */
  reportActionItems(postmortemIds: readonly string[]): Promise<ReportActionItemFact[]>;
}
