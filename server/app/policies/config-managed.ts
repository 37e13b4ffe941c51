import type { ConfigSource } from '../../../shared/schemas/config-source.js';
import { configSources, declaredIds } from '../config/config-managed.js';
import type { StoreSession } from '../ports/store.js';

/**
 * Returns the ids of the policies the last applied config file declares. They follow the one rule
 * for config-file versus console edits (server/app/config/config-managed.ts): an edit saved in the
 * editor is kept across restarts while the file's entry for the policy stays the same; when that
 * entry changes, the file's version wins.
 */
export async function configManagedPolicies(store: Pick<StoreSession, 'getSetting'>): Promise<Set<string>> {
  return declaredIds(store, 'policy');
}

/** Tells where each policy's version comes from (`file`, `edited` or `console`). */
export async function policySources(store: Pick<StoreSession, 'getSetting'>, ids: readonly string[]): Promise<Map<string, ConfigSource>> {
  return configSources(store, 'policy', ids);
}
