import { createHash } from 'node:crypto';
import type { MaintenanceWindow, MaintenanceWindowConfig } from '../../../shared/schemas/maintenance.js';
import { compileTiming, nextBoundary } from '../../core/maintenance/index.js';
import { canonicalJson } from '../config/canonical.js';
import type { StoreSession } from '../ports/store.js';
import { boundaryJob } from './maintenance-jobs.js';
import { defaultZone } from './maintenance-service.js';

/** The digest of a window as a config file declares it (key order and undefined fields ignored). */
export function maintenanceDigest(window: MaintenanceWindowConfig): string {
  return createHash('sha256').update(canonicalJson(window)).digest('hex');
}

/** What applying the file's maintenance windows did. */
export interface ConfigMaintenanceOutcome {
  created: string[];
  updated: string[];
  unchanged: number;
}

/**
 * Writes the config file's maintenance windows inside the config transaction, with the rule clients
 * and schedules follow: a window nobody changed in the console follows the file; one changed, ended
 * or deleted in the console keeps the console's version while the file's declaration stays the same
 * as when it was last applied (so a restart loses nothing); a changed declaration wins again. Each
 * written window gets its boundary row. Throws an Error naming the entry when a rule is refused
 * (`maintenance.<i>.recurrence.rrule: …`), so the config is not applied.
 */
export async function applyConfigMaintenance(tx: StoreSession, declared: readonly MaintenanceWindowConfig[], now: Date): Promise<ConfigMaintenanceOutcome> {
  const outcome: ConfigMaintenanceOutcome = { created: [], updated: [], unchanged: 0 };
  for (const [index, declaration] of declared.entries()) {
    const digest = maintenanceDigest(declaration);
    const stored = await tx.getMaintenanceWindowRecord(declaration.id);
    if (stored?.configDigest === digest && (stored.window.managedBy === 'console' || stored.deletedAt === null)) {
      outcome.unchanged += 1;
      continue;
    }
    const timeZone = declaration.timeZone ?? (await defaultZone(tx, declaration));
    const at = now.toISOString();
    const window: MaintenanceWindow = {
      ...declaration,
      timeZone,
      createdBy: 'config',
      createdAt: stored?.window.createdAt ?? at,
      updatedAt: at,
      endedAt: null,
      managedBy: 'file',
    };
    const compiled = compileTiming(window);
    if (!compiled.ok) throw new Error(`maintenance.${index}.${compiled.issue.field}: ${compiled.issue.message}`);
    await tx.saveMaintenanceWindow({ window, configDigest: digest, deletedAt: null });
    const next = nextBoundary(compiled.timing, now);
    if (next) {
      await tx.upsertJob({ ...boundaryJob.make(window.id, next.at, { phase: next.phase, start: next.occurrence.start, end: next.occurrence.end }), attempts: 0 });
    } else {
      await tx.deleteJob(boundaryJob.id(window.id));
    }
    (stored && stored.deletedAt === null ? outcome.updated : outcome.created).push(window.id);
  }
  return outcome;
}
