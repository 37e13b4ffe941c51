import { createHash } from 'node:crypto';
import type { ConfigSource } from '../../../shared/schemas/config-source.js';
import { decideEntry, sourceOf, type EntryDecision, type EntryState } from '../../core/config-entry/index.js';
import type { StoreSession } from '../ports/store.js';
import { canonicalJson } from './canonical.js';

/**
 * The kinds of object the one config-versus-console rule covers through this module. Schedules
 * follow the same rule with their own table (`schedule_sources`, see config-schedules.ts); a
 * service's priority rules are an entry of their own, so editing the rules in the console does not
 * hold back a file change to the service's name or team, and the other way round.
 */
export type ManagedKind = 'user' | 'team' | 'policy' | 'service' | 'priority-rules';

/** The kinds, for loops that record what the file declares. */
export const MANAGED_KINDS: readonly ManagedKind[] = ['user', 'team', 'policy', 'service', 'priority-rules'];

type Settings = Pick<StoreSession, 'getSetting' | 'setSetting'>;

const stateKey = (kind: ManagedKind, id: string) => `config.entry:${kind}:${id}`;
const declaredKey = (kind: ManagedKind) => `config.declared:${kind}`;

/** The SHA-256 of an entry as the file declares it (key order and undefined fields ignored). */
export function entryDigest(entry: unknown): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

/** Reads what was remembered about the file's entry for one object (undefined: never applied). */
export async function readEntryState(store: Pick<StoreSession, 'getSetting'>, kind: ManagedKind, id: string): Promise<EntryState | undefined> {
  const raw = await store.getSetting(stateKey(kind, id));
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<EntryState>;
    if (typeof parsed.digest !== 'string') return undefined;
    return { digest: parsed.digest, editedAt: parsed.editedAt ?? null, editedBy: parsed.editedBy ?? null, ...(parsed.secret ? { secret: parsed.secret } : {}) };
  } catch {
    return undefined;
  }
}

async function writeEntryState(store: Settings, kind: ManagedKind, id: string, state: EntryState): Promise<void> {
  await store.setSetting(stateKey(kind, id), JSON.stringify(state));
}

/**
 * Decides one declared entry inside the config transaction (see `decideEntry`) and remembers the
 * file's digest when the file's version is written; `secret` is kept with it for users. The console
 * edit flag is cleared when the file wins.
 */
export async function settleEntry(
  tx: Settings,
  kind: ManagedKind,
  id: string,
  digest: string,
  exists: boolean,
  secret?: string,
): Promise<EntryDecision> {
  const state = await readEntryState(tx, kind, id);
  const decision = decideEntry(state, digest, exists);
  if (decision.write) await writeEntryState(tx, kind, id, { digest, editedAt: null, editedBy: null, ...(secret ? { secret } : {}) });
  return decision;
}

/**
 * Records that an object was changed in the console (or over the API) by `by` at `at`. Only objects
 * the file has declared carry a state; a console-made object has nothing to mark.
 */
export async function markConsoleEdit(tx: Settings, kind: ManagedKind, id: string, by: string | null, at: Date): Promise<void> {
  const state = await readEntryState(tx, kind, id);
  if (!state) return;
  await writeEntryState(tx, kind, id, { ...state, editedAt: at.toISOString(), editedBy: by });
}

/** Records the ids of one kind that the config file declares now (an empty list without a file). */
export async function recordDeclared(tx: Settings, kind: ManagedKind, ids: readonly string[]): Promise<void> {
  await tx.setSetting(declaredKey(kind), JSON.stringify([...new Set(ids)].sort()));
}

/** Returns the ids of one kind that the last applied config file declared. */
export async function declaredIds(store: Pick<StoreSession, 'getSetting'>, kind: ManagedKind): Promise<Set<string>> {
  const raw = await store.getSetting(declaredKey(kind));
  if (!raw) return new Set();
  try {
    const parsed: unknown = JSON.parse(raw);
    return new Set(Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Tells where each of `ids` comes from (`file`, `edited` or `console`), for the screens' banner. */
export async function configSources(store: Pick<StoreSession, 'getSetting'>, kind: ManagedKind, ids: readonly string[]): Promise<Map<string, ConfigSource>> {
  const declared = await declaredIds(store, kind);
  const sources = new Map<string, ConfigSource>();
  for (const id of ids) sources.set(id, declared.has(id) ? sourceOf(true, await readEntryState(store, kind, id)) : 'console');
  return sources;
}

/** Tells where one object comes from. */
export async function configSource(store: Pick<StoreSession, 'getSetting'>, kind: ManagedKind, id: string): Promise<ConfigSource> {
  return (await configSources(store, kind, [id])).get(id)!;
}

/** Records that no config file declares anything (a start without `KLAXON_CONFIG`). */
export async function forgetDeclaredEntries(store: Settings): Promise<void> {
  for (const kind of MANAGED_KINDS) await recordDeclared(store, kind, []);
}
