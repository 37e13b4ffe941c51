import { randomBytes } from 'node:crypto';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import { hashIntegrationKey } from '../config/integration-key.js';
import type { Store } from '../ports/store.js';

/**
 * Gives an integration a new random key and returns it (the only time it is ever shown); the old key
 * stops working at once, since only the new key's hash is kept; the rotation is audited (never the
 * key). Returns undefined for an unknown id.
 */
export async function rotateIntegrationKey(
  store: Store,
  integrationId: string,
  audit: AuditTrail = noAuditTrail,
  by?: { actorId: string; address?: string | null },
): Promise<string | undefined> {
  const found = (await store.listIntegrations()).find((i) => i.id === integrationId);
  if (!found) return undefined;
  const key = randomBytes(24).toString('base64url');
  await store.transaction(async (tx) => {
    await tx.setIntegrationKeyHash(integrationId, hashIntegrationKey(key));
    await audit.record(
      { action: 'integration.key-rotated', actorId: by?.actorId ?? null, address: by?.address, subject: { kind: 'integration', id: integrationId }, details: { serviceId: found.serviceId, type: found.type } },
      tx,
    );
  });
  return key;
}
