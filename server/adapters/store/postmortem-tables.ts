/** The post-mortem tables (migration 0016). JSON columns are text; instants are ISO-8601 text. */

/** A post-mortem, filed under its first incident; `fields`, `stamps` and `digest` are JSON documents. */
export interface PostmortemsTable {
  id: string;
  incident_id: string;
  state: string;
  reason: string;
  due_at: string | null;
  fields: string;
  stamps: string;
  /** Frozen at sign-off; null while the digest is computed from the record on request. */
  digest: string | null;
  /** The first question's answer, kept as a column for reports. */
  trigger_answer: string | null;
  created_at: string;
  updated_at: string;
  review_requested_by: string | null;
  signed_off_by: string | null;
  signed_off_at: string | null;
  version: number;
}

/** Every incident a post-mortem covers (its filing incident at position 0); an incident is in one at most. */
export interface PostmortemIncidentsTable {
  incident_id: string;
  postmortem_id: string;
  position: number;
}

export interface PostmortemCommentsTable {
  id: string;
  postmortem_id: string;
  author_id: string;
  at: string;
  body: string;
}

/** A post-mortem's action items, one row each (rewritten with the `actionItems` field), for reports. */
export interface PostmortemActionItemsTable {
  id: string;
  postmortem_id: string;
  position: number;
  title: string;
  owner: string | null;
  due_date: string | null;
  state: string;
  link_kind: string | null;
  link_ref: string | null;
}
