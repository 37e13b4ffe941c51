/** A shift swap request; wall-clock `start`/`end` in the schedule's zone, `created_ms` for ordering. */
export interface SwapRequestsTable {
  id: string;
  schedule_id: string;
  requester: string;
  target: string;
  start_local: string;
  end_local: string;
  note: string;
  status: string;
  created_at: string;
  created_ms: number;
  decided_at: string | null;
  decided_by: string | null;
}

/** A calendar feed, one per (kind, subject), keyed by the SHA-256 hex of its token. */
export interface CalendarFeedsTable {
  kind: string;
  subject: string;
  token_hash: string;
  created_at: string;
}

/** Where a schedule came from: the config declaration last applied and the last API edit. */
export interface ScheduleSourcesTable {
  schedule_id: string;
  config_digest: string | null;
  edited_at: string | null;
  edited_by: string | null;
}
