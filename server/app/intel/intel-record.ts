import type { IndicatorInput } from '../../../shared/schemas/intel.js';
import type { IndicatorRecord } from '../ports/intel-store.js';

const iso = (instant: string) => new Date(instant).toISOString();
const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

/**
 * An indicator's row from a checked input: instants made canonical UTC, first seen defaulting to the
 * stored one or now, last seen to the later of the stored one and first seen.
 */
export function recordOf(input: IndicatorInput, now: Date, base: Pick<IndicatorRecord, 'id' | 'createdBy' | 'createdAt' | 'firstSeenAt' | 'lastSeenAt'>, updatedAt = now.toISOString()): IndicatorRecord {
  const firstSeenAt = input.firstSeenAt ? iso(input.firstSeenAt) : base.firstSeenAt;
  const lastSeenAt = input.lastSeenAt ? iso(input.lastSeenAt) : later(base.lastSeenAt, firstSeenAt);
  return {
    id: base.id,
    type: input.type,
    value: input.value,
    tags: input.tags,
    confidence: input.confidence,
    source: input.source,
    firstSeenAt,
    lastSeenAt,
    expiresAt: input.expiresAt ? iso(input.expiresAt) : null,
    notes: input.notes,
    visibility: input.visibility,
    createdBy: base.createdBy,
    createdAt: base.createdAt,
    updatedAt,
  };
}
