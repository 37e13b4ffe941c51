import type { PostmortemComment, PostmortemDigest, PostmortemFields, PostmortemState } from '../../../shared/schemas/postmortem.js';
import type { FieldStamps } from '../../core/postmortem/field-edit.js';

/**
 * A post-mortem as the store keeps it. `digest` is null until sign-off freezes it; `version` rises on
 * every change (the store writes a record only over the version it was read at).
 */
export interface PostmortemRecord {
  id: string;
  /** The incidents it covers, the one it is filed under first. */
  incidentIds: string[];
  state: PostmortemState;
  reason: string;
  dueAt: Date | null;
  fields: PostmortemFields;
  stamps: FieldStamps;
  digest: PostmortemDigest | null;
  createdAt: Date;
  updatedAt: Date;
  reviewRequestedBy: string | null;
  signedOffBy: string | null;
  signedOffAt: Date | null;
  version: number;
}

/** Which post-mortems to list: by state, newest first, only those whose every incident `visibleTo` may know. */
export interface PostmortemFilter {
  states?: readonly PostmortemState[];
  limit: number;
  /**
   * A person without the role to see confidential incidents: post-mortems covering a confidential
   * incident whose need-to-know list does not name them are left out (before the limit). Absent: all.
   */
  visibleTo?: string;
}

/** The store's part for post-mortems. `StoreSession` extends it. */
export interface PostmortemSession {
  /**
   * Adds a post-mortem with its incident rows and action item rows. Throws a `StoreConflictError`
   * (leaving the caller's transaction usable) when one of its incidents is already in a post-mortem.
   */
  insertPostmortem(record: PostmortemRecord): Promise<void>;
  /**
   * Replaces a post-mortem's row (and its action item rows) when its stored version is still
   * `expectedVersion`; answers false, writing nothing, when someone else wrote it meanwhile.
   */
  updatePostmortem(record: PostmortemRecord, expectedVersion: number): Promise<boolean>;
  getPostmortem(id: string): Promise<PostmortemRecord | undefined>;
  /** The id of the post-mortem an incident is in, if any. */
  findPostmortemOfIncident(incidentId: string): Promise<string | undefined>;
  listPostmortems(filter: PostmortemFilter): Promise<PostmortemRecord[]>;
  /** A post-mortem's comments, oldest first. */
  listPostmortemComments(postmortemId: string): Promise<PostmortemComment[]>;
  addPostmortemComment(postmortemId: string, comment: PostmortemComment): Promise<void>;
}
