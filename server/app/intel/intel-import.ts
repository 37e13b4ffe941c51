import { randomUUID } from 'node:crypto';
import type { IntelImportResult } from '../../../shared/schemas/intel.js';
import type { Role } from '../../../shared/schemas/user.js';
import type { ImportItem } from '../../core/intel/import-item.js';
import type { IndicatorRecord } from '../ports/intel-store.js';
import type { StoreSession } from '../ports/store.js';
import { recordOf } from './intel-record.js';
import { unlinkableIncidents } from './intel-links.js';

/** The most objects or rows one import takes. */
export const MAX_IMPORT_ITEMS = 50_000;

/**
 * Checks every item, then (only when none is bad) writes them in `tx`: an item whose type and value
 * exist updates that indicator (its id, creator and creation time stay; last seen never goes back),
 * the others are added with the id the file names when it is free. Links to incidents unknown here
 * are kept (the file may come from another Klaxon); a link to a confidential incident the importer
 * may not know is refused. Two items with one type and value are refused.
 */
export async function importItems(
  tx: StoreSession,
  who: { userId: string; role: Role },
  items: readonly ImportItem[],
  readErrors: IntelImportResult['errors'],
  now: Date,
): Promise<IntelImportResult> {
  const errors = [...readErrors];
  if (items.length + readErrors.length > MAX_IMPORT_ITEMS) {
    return { imported: 0, updated: 0, errors: [{ path: '', message: `at most ${MAX_IMPORT_ITEMS} indicators per import` }] };
  }
  const seen = new Map<string, string>();
  const plan: { item: ImportItem; existing: IndicatorRecord | undefined }[] = [];
  for (const item of items) {
    const key = `${item.input.type}\u0000${item.input.value}`;
    const first = seen.get(key);
    if (first) {
      errors.push({ path: item.path, message: `the same ${item.input.type} "${item.input.value}" as ${first}` });
      continue;
    }
    seen.set(key, item.path);
    const refused = await unlinkableIncidents(tx, who, item.input.incidentIds, true);
    for (const n of refused) errors.push({ path: `${item.linksPath}.${n}`, message: `no incident "${item.input.incidentIds[n]}"` });
    plan.push({ item, existing: await tx.findIndicator(item.input.type, item.input.value) });
  }
  if (errors.length > 0) return { imported: 0, updated: 0, errors };

  const at = now.toISOString();
  let imported = 0;
  let updated = 0;
  for (const { item, existing } of plan) {
    let row: IndicatorRecord;
    if (existing) {
      row = recordOf(item.input, now, existing, item.updatedAt ?? at);
      row.lastSeenAt = Date.parse(existing.lastSeenAt) > Date.parse(row.lastSeenAt) ? existing.lastSeenAt : row.lastSeenAt;
      updated++;
    } else {
      const free = item.id !== undefined && !(await tx.getIndicator(item.id, { userId: who.userId, seesAll: true }));
      const base = { id: free ? item.id! : randomUUID(), createdBy: item.createdBy ?? who.userId, createdAt: item.createdAt ?? at, firstSeenAt: at, lastSeenAt: at };
      row = recordOf(item.input, now, base, item.updatedAt ?? at);
      imported++;
    }
    await tx.saveIndicator(row);
    await tx.linkIndicators(item.input.incidentIds.map((incidentId) => ({ indicatorId: row.id, incidentId, linkedAt: now })));
  }
  return { imported, updated, errors: [] };
}
