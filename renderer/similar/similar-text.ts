import type { SimilarIncident, SimilarReason } from '../../shared/schemas/history.js';
import type { HistoryHint } from '../../shared/schemas/incident.js';

/** How the panel names each reason a past incident is alike. */
export const REASON_TEXT: Record<SimilarReason, string> = {
  dedup_key: 'same dedup key',
  source: 'same source',
  labels: 'shared labels',
  text: 'similar text',
};

const times = (n: number) => (n === 1 ? 'time' : `${n} times`);

/**
 * The panel's one line over the similar past incidents, read by the most recent first: "False
 * positive the last 4 times" while the latest ones all were, else the counts ("6 similar: 2 false
 * positives, 1 confirmed").
 */
export function similarSummary(similar: readonly SimilarIncident[]): string {
  if (similar.length === 0) return 'No similar past incidents';
  const recent = [...similar].sort((a, b) => Date.parse(b.incident.resolvedAt ?? b.incident.firstSeenAt) - Date.parse(a.incident.resolvedAt ?? a.incident.firstSeenAt));
  const latest = recent[0]!.incident.triageVerdict;
  let streak = 0;
  while (streak < recent.length && latest !== null && recent[streak]!.incident.triageVerdict === latest) streak += 1;
  if (latest !== null && (streak >= 2 || recent.length === 1)) {
    return `${latest === 'false_positive' ? 'False positive' : 'Confirmed'} the last ${times(streak)}`;
  }
  const fp = similar.filter((s) => s.incident.triageVerdict === 'false_positive').length;
  const confirmed = similar.filter((s) => s.incident.triageVerdict === 'confirmed').length;
  const parts = [fp ? `${fp} false positive${fp === 1 ? '' : 's'}` : '', confirmed ? `${confirmed} confirmed` : ''].filter(Boolean);
  return `${similar.length} similar past incident${similar.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** The board's short tag for a history hint ("FP ×4", "Confirmed ×2"), or undefined when it says nothing. */
export function hintTag(hint: HistoryHint | null | undefined): { label: string; kind: 'fp' | 'confirmed'; title: string } | undefined {
  if (!hint || hint.similar === 0) return undefined;
  const title = `${hint.similar} similar past incident${hint.similar === 1 ? '' : 's'}: ${hint.falsePositives} false positive${hint.falsePositives === 1 ? '' : 's'}, ${hint.confirmed} confirmed`;
  if (hint.falsePositives > 0 && hint.falsePositives >= hint.confirmed) return { label: `FP ×${hint.falsePositives}`, kind: 'fp', title };
  if (hint.confirmed > 0) return { label: `Confirmed ×${hint.confirmed}`, kind: 'confirmed', title };
  return undefined;
}
