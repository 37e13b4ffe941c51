import { createHash } from 'node:crypto';

/**
 * Returns the SHA-256 hex of an integration key, the only form the store keeps; ingest hashes the
 * key it receives the same way and looks it up with `findIntegrationByKeyHash`.
 */
export function hashIntegrationKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
