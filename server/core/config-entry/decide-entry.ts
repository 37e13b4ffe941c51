import type { ConfigSource } from '../../../shared/schemas/config-source.js';

/** What the relay remembers about one object the config file declares. */
export interface EntryState {
  /** The digest of the file's entry as last applied. */
  digest: string;
  /** When the object was last changed in the console (ISO), null while it is as the file made it. */
  editedAt: string | null;
  /** Who changed it in the console last. */
  editedBy: string | null;
  /** Users only: the password hash made from the file's password when it was last applied. */
  secret?: string;
}

/** What applying a file entry does to the object it declares. */
export type EntryDecision =
  /** The file's entry changed (or is new, or the object is gone): write the file's version. */
  | { write: true; replacesConsoleEdit: boolean }
  /** The file's entry is as last applied: keep what is stored, console edits included. */
  | { write: false };

/**
 * The one rule for config-file versus console edits: a console edit is kept across restarts while
 * the file's entry for that object is unchanged; when the file's entry changes, the file wins.
 * `state` is what was remembered at the last apply, `digest` the file entry's digest now, `exists`
 * whether the object is stored. Pure: the caller reads and writes the state.
 */
export function decideEntry(state: EntryState | undefined, digest: string, exists: boolean): EntryDecision {
  if (state && exists && state.digest === digest) return { write: false };
  return { write: true, replacesConsoleEdit: !!state?.editedAt && exists };
}

/** Tells where an object's version comes from, given whether the file declares it and its state. */
export function sourceOf(declared: boolean, state: EntryState | undefined): ConfigSource {
  if (!declared) return 'console';
  return state?.editedAt ? 'edited' : 'file';
}
