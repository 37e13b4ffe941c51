import { createHash } from 'node:crypto';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import { canonicalJson } from '../config/canonical.js';
import type { StoreSession } from '../ports/store.js';

/** The digest of a schedule as a config file declares it (key order and undefined fields ignored). */
export function scheduleDigest(schedule: Schedule): string {
  return createHash('sha256').update(canonicalJson(schedule)).digest('hex');
}

/**
 * Decides which of the config file's schedules are written when the file is applied, and records
 * each declaration's digest. How config and console edits coexist:
 *
 * - a schedule nobody edited in the console follows the file, as every config entity does;
 * - a schedule edited in the console (layers, overrides, accepted swaps) keeps its console version
 *   while the file's declaration of it stays the same as when it was last applied — restarting the
 *   relay with the same file loses nothing;
 * - when the file's declaration of that schedule changes, the file wins again (it is the newer
 *   decision), the console edits are replaced and the schedule counts as config-managed once more.
 *
 * Returns the schedules to write, in the file's order; runs inside the config transaction.
 */
export async function configSchedulesToWrite(tx: StoreSession, declared: readonly Schedule[]): Promise<Schedule[]> {
  const write: Schedule[] = [];
  for (const schedule of declared) {
    const digest = scheduleDigest(schedule);
    const source = await tx.getScheduleSource(schedule.id);
    if (source?.editedAt && source.configDigest === digest && (await tx.getSchedule(schedule.id))) continue;
    if (!source || source.configDigest !== digest || source.editedAt) {
      await tx.saveScheduleSource({ scheduleId: schedule.id, configDigest: digest, editedAt: null, editedBy: null });
    }
    write.push(schedule);
  }
  return write;
}
