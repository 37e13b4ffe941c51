import type { SimilarReason } from '../../../shared/schemas/history.js';
import type { Incident } from '../../../shared/schemas/incident.js';

/** What an incident is compared by: where it came from, its dedup key, and its first alert's labels. */
export interface SimilarityKey {
  id: string;
  serviceId: string;
  dedupKey: string;
  source: string;
  labels: Readonly<Record<string, string>>;
}

/** A past incident offered for comparison, with its labels and (when text search found it) its text rank. */
export interface SimilarCandidate {
  incident: Incident;
  labels: Readonly<Record<string, string>>;
  /** How well its text matched, from 0 (not) to 1 (the best match of the search); absent: not searched. */
  textRank?: number;
}

/** How alike a past incident is, and why. */
export interface SimilarityScore {
  reasons: SimilarReason[];
  score: number;
}

/** What each reason adds to the score. Same dedup key says most; same source alone is enough to list. */
export const SIMILAR_WEIGHTS = {
  dedupKeySameService: 4,
  dedupKeyOtherService: 3,
  source: 1.5,
  /** Times the share of labels in common (Jaccard). */
  labels: 2.5,
  /** Times the text rank. */
  text: 2,
} as const;

/** Labels that say how bad or where in a workflow an alert is, not what it is about: not compared. */
const STATE_LABELS = new Set(['severity', 'priority', 'status']);
/** The least share of labels in common that counts as "shared labels". */
const MIN_LABEL_SHARE = 0.5;
/** The least text rank that counts as "similar text". */
const MIN_TEXT_RANK = 0.25;
/** The least score a past incident needs to be listed at all. */
export const MIN_SIMILAR_SCORE = 1;

/** The share of label pairs (name and value) two label sets have in common, from 0 to 1 (Jaccard). */
export function labelShare(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): number {
  const pairs = (labels: Readonly<Record<string, string>>) =>
    new Set(Object.entries(labels).filter(([name]) => !STATE_LABELS.has(name)).map(([name, value]) => `${name}\u0000${value}`));
  const left = pairs(a);
  const right = pairs(b);
  if (left.size === 0 || right.size === 0) return 0;
  let common = 0;
  for (const pair of left) if (right.has(pair)) common += 1;
  return common / (left.size + right.size - common);
}

/**
 * Scores one past incident against the incident in view: same dedup key, same source, shared labels
 * (at least half of the label pairs in common), similar text (by its rank). Undefined when it is the
 * same incident or too little alike to list.
 */
export function scoreSimilar(target: SimilarityKey, candidate: SimilarCandidate): SimilarityScore | undefined {
  const past = candidate.incident;
  if (past.id === target.id) return undefined;
  const reasons: SimilarReason[] = [];
  let score = 0;
  if (target.dedupKey !== '' && past.dedupKey === target.dedupKey) {
    reasons.push('dedup_key');
    score += past.serviceId === target.serviceId ? SIMILAR_WEIGHTS.dedupKeySameService : SIMILAR_WEIGHTS.dedupKeyOtherService;
  }
  if (target.source.trim() !== '' && past.source === target.source) {
    reasons.push('source');
    score += SIMILAR_WEIGHTS.source;
  }
  const share = labelShare(target.labels, candidate.labels);
  if (share >= MIN_LABEL_SHARE) {
    reasons.push('labels');
    score += SIMILAR_WEIGHTS.labels * share;
  }
  const rank = Math.min(1, Math.max(0, candidate.textRank ?? 0));
  if (rank >= MIN_TEXT_RANK) {
    reasons.push('text');
    score += SIMILAR_WEIGHTS.text * rank;
  }
  if (score < MIN_SIMILAR_SCORE) return undefined;
  return { reasons, score: Math.round(score * 1000) / 1000 };
}

/** A past incident that scored, with its score. */
export interface ScoredIncident extends SimilarityScore {
  incident: Incident;
}

/**
 * The `limit` past incidents most like the one in view: resolved ones only, the best score first and,
 * at equal scores, the most recent first. A candidate offered twice (found by two reasons) counts once,
 * with the highest text rank it came with.
 */
export function rankSimilar(target: SimilarityKey, candidates: readonly SimilarCandidate[], limit: number): ScoredIncident[] {
  const merged = new Map<string, SimilarCandidate>();
  for (const candidate of candidates) {
    if (candidate.incident.status !== 'resolved') continue;
    const seen = merged.get(candidate.incident.id);
    if (!seen || (candidate.textRank ?? 0) > (seen.textRank ?? 0)) merged.set(candidate.incident.id, candidate);
  }
  const scored: ScoredIncident[] = [];
  for (const candidate of merged.values()) {
    const result = scoreSimilar(target, candidate);
    if (result) scored.push({ incident: candidate.incident, ...result });
  }
  const when = (incident: Incident) => Date.parse(incident.resolvedAt ?? incident.firstSeenAt);
  scored.sort((a, b) => b.score - a.score || when(b.incident) - when(a.incident) || a.incident.id.localeCompare(b.incident.id));
  return scored.slice(0, Math.max(0, limit));
}

/** First seen to resolved in milliseconds, or null while not resolved. */
export function timeToResolveMs(incident: Pick<Incident, 'firstSeenAt' | 'resolvedAt'>): number | null {
  if (!incident.resolvedAt) return null;
  return Math.max(0, Date.parse(incident.resolvedAt) - Date.parse(incident.firstSeenAt));
}
