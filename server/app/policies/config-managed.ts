import type { StoreSession } from '../ports/store.js';

/** The relay setting that lists the ids of the policies the config file declared at the last start. */
export const CONFIG_MANAGED_POLICIES = 'config.managed-policies';

/**
 * Records which policies the config file (`KLAXON_CONFIG`) declares, at every start (an empty list
 * when the relay starts without one). The rule: the config file wins at start — a policy it declares
 * is written back from the file whenever the relay starts — so the editor marks those policies as
 * config-managed and says that API edits last only until the next start.
 */
export async function recordConfigManagedPolicies(store: Pick<StoreSession, 'setSetting'>, policyIds: readonly string[]): Promise<void> {
  await store.setSetting(CONFIG_MANAGED_POLICIES, JSON.stringify([...new Set(policyIds)].sort()));
}

/** Returns the ids of the config-managed policies (none when the setting is absent or unreadable). */
export async function configManagedPolicies(store: Pick<StoreSession, 'getSetting'>): Promise<Set<string>> {
  const raw = await store.getSetting(CONFIG_MANAGED_POLICIES);
  if (!raw) return new Set();
  try {
    const parsed: unknown = JSON.parse(raw);
    return new Set(Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}
