import { createHash } from 'node:crypto';
import type { ConnectWiseConnectionConfig } from '../../../shared/schemas/connectwise.js';
import type { Store } from '../ports/store.js';

/** What applying the config file's connections changed. */
export interface ConnectionApplyReport {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

function hashOf(entry: ConnectWiseConnectionConfig): string {
  return createHash('sha256').update(JSON.stringify(entry)).digest('hex');
}

/**
 * Applies the config file's ConnectWise connections by the project's rule for file-vs-console
 * edits: a file entry that is new or changed since the last start wins (and mends a broken
 * connection); one unchanged keeps the console's edits; a connection the file managed and no longer
 * declares is removed (one a manager took over in the console stays).
 */
export async function applyConnectWiseConfig(store: Store, entries: readonly ConnectWiseConnectionConfig[]): Promise<ConnectionApplyReport> {
  const report: ConnectionApplyReport = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  await store.transaction(async (tx) => {
    const stored = new Map((await tx.listConnectWiseConnections()).map((r) => [r.connection.id, r]));
    for (const entry of entries) {
      const hash = hashOf(entry);
      const existing = stored.get(entry.id);
      if (existing?.fileHash === hash) {
        report.unchanged += 1;
        continue;
      }
      await tx.upsertConnectWiseConnection({
        connection: entry,
        // Keys named by environment variables replace any set in the console.
        publicKeySealed: entry.publicKeyEnv ? null : (existing?.publicKeySealed ?? null),
        privateKeySealed: entry.privateKeyEnv ? null : (existing?.privateKeySealed ?? null),
        managedBy: 'file',
        fileHash: hash,
        brokenAt: null,
        brokenReason: null,
      });
      report[existing ? 'updated' : 'created'] += 1;
    }
    const declared = new Set(entries.map((e) => e.id));
    for (const [id, record] of stored) {
      if (record.managedBy === 'file' && !declared.has(id)) {
        await tx.deleteConnectWiseConnection(id);
        report.deleted += 1;
      }
    }
  });
  return report;
}
