import { randomBytes } from 'node:crypto';
import { hashIntegrationKey } from '../config/integration-key.js';
import type { Store } from '../ports/store.js';

/**
 * Gives an integration a new random key and returns it (the only time it is ever shown); the old key
 * stops working at once, since only the new key's hash is kept. Returns undefined for an unknown id.
 */
export async function rotateIntegrationKey(store: Store, integrationId: string): Promise<string | undefined> {
  const found = (await store.listIntegrations()).find((i) => i.id === integrationId);
  if (!found) return undefined;
  const key = randomBytes(24).toString('base64url');
  await store.setIntegrationKeyHash(integrationId, hashIntegrationKey(key));
  return key;
}
