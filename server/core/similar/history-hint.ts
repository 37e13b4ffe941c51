import type { HistoryHint, Incident } from '../../../shared/schemas/incident.js';

/** The board's history hint over the similar past incidents given: how many, and their verdicts. */
export function historyHint(similar: readonly Pick<Incident, 'triageVerdict'>[]): HistoryHint {
  return {
    similar: similar.length,
    falsePositives: similar.filter((i) => i.triageVerdict === 'false_positive').length,
    confirmed: similar.filter((i) => i.triageVerdict === 'confirmed').length,
  };
}
