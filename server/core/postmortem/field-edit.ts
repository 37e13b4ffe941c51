import {
  PostmortemFieldNameSchema,
  PostmortemFieldsSchema,
  type ActionItem,
  type FieldStamp,
  type PostmortemEdit,
  type PostmortemEditResult,
  type PostmortemFieldName,
  type PostmortemFields,
} from '../../../shared/schemas/postmortem.js';

/** The per-field stamps of a post-mortem. */
export type FieldStamps = Record<PostmortemFieldName, FieldStamp>;

/** Empty fields: what a new post-mortem starts with. */
export function emptyFields(): PostmortemFields {
  return PostmortemFieldsSchema.parse({});
}

/** Stamps of fields nobody wrote yet (version 0). */
export function freshStamps(): FieldStamps {
  return Object.fromEntries(PostmortemFieldNameSchema.options.map((f) => [f, { version: 0, updatedAt: null, updatedBy: null }])) as FieldStamps;
}

/** The outcome of one field edit: the fields and stamps after it, and a note when it overwrote someone else's write. */
export interface FieldEditOutcome {
  fields: PostmortemFields;
  stamps: FieldStamps;
  conflict: PostmortemEditResult['conflict'];
}

/**
 * Applies one field edit, last writer wins: the field takes the value and its version goes up. When
 * the field's version moved past the editor's `baseVersion` and its last writer was someone else,
 * the outcome carries a conflict note naming them and when they wrote. Action items keep the ids
 * they had in this post-mortem; an item without one (or with an id this post-mortem does not hold)
 * gets a new id from `newId`. Pure.
 */
export function applyFieldEdit(
  current: { fields: PostmortemFields; stamps: FieldStamps },
  edit: PostmortemEdit,
  editor: string,
  now: Date,
  newId: () => string,
): FieldEditOutcome {
  const stamp = current.stamps[edit.field];
  const overwrote = stamp.version > edit.baseVersion && stamp.updatedBy !== editor;
  const conflict = overwrote ? { field: edit.field, overwrote: stamp.updatedBy, at: stamp.updatedAt } : null;
  const fields: PostmortemFields = { ...current.fields };
  switch (edit.field) {
    case 'actionItems': {
      const held = new Set(current.fields.actionItems.map((i) => i.id));
      const seen = new Set<string>();
      fields.actionItems = edit.value.map((item): ActionItem => {
        const id = item.id !== undefined && held.has(item.id) && !seen.has(item.id) ? item.id : newId();
        seen.add(id);
        return { ...item, id };
      });
      break;
    }
    case 'questions':
      fields.questions = edit.value;
      break;
    default:
      fields[edit.field] = edit.value;
  }
  const stamps: FieldStamps = { ...current.stamps, [edit.field]: { version: stamp.version + 1, updatedAt: now.toISOString(), updatedBy: editor } };
  return { fields, stamps, conflict };
}
