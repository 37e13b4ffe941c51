import type { Indicator } from '../../../shared/schemas/intel.js';
import type { Role } from '../../../shared/schemas/user.js';

/** The roles that create, change, import and delete indicators, and see restricted ones. */
export const INTEL_WRITERS: readonly Role[] = ['threat-researcher', 'ir-manager', 'admin'];

/** Tells whether a role may change the intelligence database. */
export function mayWriteIntel(role: Role): boolean {
  return INTEL_WRITERS.includes(role);
}

/** Tells whether a role may see an indicator: `team` ones everyone, `restricted` ones the writers only. */
export function maySeeIndicator(indicator: Pick<Indicator, 'visibility'>, role: Role): boolean {
  return indicator.visibility === 'team' || mayWriteIntel(role);
}
