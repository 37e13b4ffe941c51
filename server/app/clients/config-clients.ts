import { createHash } from 'node:crypto';
import type { Client } from '../../../shared/schemas/client.js';
import { canonicalJson, sameRecord } from '../config/canonical.js';
import type { ClientRecord } from '../ports/client-store.js';
import type { StoreSession } from '../ports/store.js';

/** The digest of a client as a config file declares it (key order and undefined fields ignored). */
export function clientDigest(client: Client): string {
  return createHash('sha256').update(canonicalJson(client)).digest('hex');
}

/** What applying the file's clients did. */
export interface ConfigClientsOutcome {
  created: string[];
  updated: string[];
  unchanged: number;
}

/**
 * Writes the config file's clients inside the config transaction, with the rule schedules follow
 * (see `configSchedulesToWrite`):
 *
 * - a client nobody changed in the console follows the file;
 * - a client changed (or deleted) in the console keeps the console's version while the file's
 *   declaration of it stays the same as when it was last applied, so a restart loses nothing;
 * - when the file's declaration changes, the file wins again and the client is file-managed once more.
 *
 * A service the file gives to a client is taken from a console-made client that held it (the file
 * is the newer decision). Clients are listed in the file's order, console-made ones after them.
 */
export async function applyConfigClients(tx: StoreSession, declared: readonly Client[], now: Date): Promise<ConfigClientsOutcome> {
  const outcome: ConfigClientsOutcome = { created: [], updated: [], unchanged: 0 };
  for (const [position, client] of declared.entries()) {
    const digest = clientDigest(client);
    const stored = await tx.getClientRecord(client.id);
    if (stored?.managedBy === 'console' && stored.configDigest === digest) {
      outcome.unchanged += 1;
      continue;
    }
    const record: ClientRecord = { client, managedBy: 'file', configDigest: digest, position, updatedAt: now, deletedAt: null };
    if (stored && stored.deletedAt === null && stored.managedBy === 'file' && stored.configDigest === digest && stored.position === position && sameRecord(stored.client, client)) {
      outcome.unchanged += 1;
      continue;
    }
    await releaseServices(tx, client, now);
    await tx.saveClient(record);
    (stored && stored.deletedAt === null ? outcome.updated : outcome.created).push(client.id);
  }
  return outcome;
}

// Takes the client's services away from any other client that holds them.
async function releaseServices(tx: StoreSession, client: Client, now: Date): Promise<void> {
  const wanted = new Set(client.services);
  if (!wanted.size) return;
  for (const other of await tx.listClients()) {
    if (other.client.id === client.id || !other.client.services.some((s) => wanted.has(s))) continue;
    const services = other.client.services.filter((s) => !wanted.has(s));
    await tx.saveClient({ ...other, client: { ...other.client, services }, updatedAt: now });
  }
}
