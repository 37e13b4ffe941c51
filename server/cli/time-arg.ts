import { parseDuration } from '../../shared/schemas/common.js';
import { createZoneTime, parseLocalDateTime } from '../core/schedule/zone-time.js';

/**
 * Reads a time given on the command line: `now`; a duration from now (`2h`, `+30m`); an instant
 * with an offset (`2026-12-01T09:00Z`, `…+01:00`); or a wall-clock time `YYYY-MM-DDTHH:MM` read in
 * `timeZone` (the schedule's). Returns undefined when the text is none of these.
 */
export function parseTimeArg(text: string, now: Date, timeZone: string): Date | undefined {
  const trimmed = text.trim();
  if (trimmed === 'now') return now;
  const seconds = parseDuration(trimmed.replace(/^\+/, ''));
  if (seconds !== undefined) return new Date(now.getTime() + seconds * 1000);
  const local = parseLocalDateTime(trimmed);
  if (local !== null) {
    const zone = createZoneTime(timeZone);
    return zone ? new Date(zone.fromLocal(local)) : undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed)) {
    const at = Date.parse(trimmed);
    return Number.isNaN(at) ? undefined : new Date(at);
  }
  return undefined;
}
