import type { IndicatorInput } from '../../../shared/schemas/intel.js';
import { normaliseIndicator, normaliseTags } from './normalise.js';

/** An indicator's fields as a writer gave them, checked and made canonical. */
export type IndicatorDraft = IndicatorInput;

/** One refusal: the field at fault and why. */
export interface DraftIssue {
  field: string;
  message: string;
}

/**
 * Checks an input (already of the right shape) beyond its shape: the value is one of its type (made
 * canonical), tags lower-case and each once, last seen not before first seen, expiry after first
 * seen. Answers the canonical draft, or every issue with its field.
 */
export function checkDraft(input: IndicatorInput): { ok: true; draft: IndicatorDraft } | { ok: false; issues: DraftIssue[] } {
  const issues: DraftIssue[] = [];
  const value = normaliseIndicator(input.type, input.value);
  if (!value.ok) issues.push({ field: 'value', message: `not a valid ${input.type} indicator: ${value.message}` });
  if (input.firstSeenAt && input.lastSeenAt && Date.parse(input.lastSeenAt) < Date.parse(input.firstSeenAt)) {
    issues.push({ field: 'lastSeenAt', message: 'last seen is before first seen' });
  }
  if (input.firstSeenAt && input.expiresAt && Date.parse(input.expiresAt) <= Date.parse(input.firstSeenAt)) {
    issues.push({ field: 'expiresAt', message: 'the expiry is not after first seen' });
  }
  if (issues.length > 0 || !value.ok) return { ok: false, issues };
  return { ok: true, draft: { ...input, value: value.value, tags: normaliseTags(input.tags), incidentIds: [...new Set(input.incidentIds)] } };
}
