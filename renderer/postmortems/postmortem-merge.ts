import type { Postmortem, PostmortemEditResult, PostmortemFieldName } from '../../shared/schemas/postmortem.js';

/** The fields people write, in the editor's order. */
export const FIELD_NAMES: readonly PostmortemFieldName[] = ['questions', 'summary', 'impact', 'rootCause', 'contributingFactors', 'actionItems'];

/** The fields' names as the editor labels them. */
export const FIELD_LABELS: Record<PostmortemFieldName, string> = {
  summary: 'Summary',
  impact: 'Impact',
  rootCause: 'Root cause',
  contributingFactors: 'Contributing factors',
  questions: 'The three questions',
  actionItems: 'Action items',
};

/** Someone else changed a field while this console was editing it. */
export interface RemoteChange {
  field: PostmortemFieldName;
  /** Who wrote it (a user id), when the relay said. */
  by: string | null;
  at: string | null;
}

/** What to do with a post-mortem the relay sent (a push, or a fetch after a reconnect). */
export interface IncomingOutcome {
  /** The post-mortem to show now; null when the incoming one was dropped (another one, or stale). */
  next: Postmortem | null;
  /** Fields under edit here that someone else changed: their new value is not shown, a note is. */
  changedUnderEdit: RemoteChange[];
}

/**
 * Decides what an incoming copy of the post-mortem changes. A copy of another post-mortem, or one
 * not newer than the shown one (by `version`), is dropped. Fields listed in `underEdit` keep what the
 * person is typing: when another person's write raised such a field's version, it is reported so the
 * editor can say "X changed this field" instead of replacing the text.
 */
export function applyIncoming(current: Postmortem | null, incoming: Postmortem, underEdit: ReadonlySet<PostmortemFieldName>, me: string | null): IncomingOutcome {
  if (current && (incoming.id !== current.id || incoming.version <= current.version)) return { next: null, changedUnderEdit: [] };
  const changedUnderEdit: RemoteChange[] = [];
  if (current) {
    for (const field of underEdit) {
      const before = current.stamps[field]?.version ?? 0;
      const after = incoming.stamps[field];
      if (after && after.version > before && after.updatedBy !== me) changedUnderEdit.push({ field, by: after.updatedBy, at: after.updatedAt });
    }
  }
  return { next: incoming, changedUnderEdit };
}

/**
 * The conflict note of an edit's answer in words, or null when the edit overwrote nobody; `when`
 * writes the time of the replaced change on the viewer's clock.
 */
export function conflictText(conflict: PostmortemEditResult['conflict'], userName: (id: string) => string, when: (at: string) => string): string | null {
  if (!conflict) return null;
  const who = conflict.overwrote ? userName(conflict.overwrote) : 'someone';
  const written = conflict.at ? ` (written ${when(conflict.at)})` : '';
  return `Your edit of ${FIELD_LABELS[conflict.field]} replaced a change by ${who}${written}. Check that nothing of theirs was lost.`;
}

/** Structural equality of two JSON values (field values are plain JSON). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
