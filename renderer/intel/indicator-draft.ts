import type { Indicator, IndicatorType, IndicatorVisibility } from '../../shared/schemas/intel.js';
import type { Observable } from '../../shared/intel/observables.js';
import type { IndicatorBody } from './intel-api.js';
import { instantFromLocal, localInputIn } from '../time/local-input.js';
import { browserZone } from '../time/time-zone.js';

/** What the indicator dialog edits; the expiry is a datetime-local value ("" = never). */
export interface IndicatorDraft {
  id: string | null;
  type: IndicatorType;
  value: string;
  /** Comma-separated. */
  tags: string;
  confidence: number;
  source: string;
  expiresAt: string;
  notes: string;
  visibility: IndicatorVisibility;
  incidentIds: string[];
}


/** An empty draft: an IP, medium confidence, seen by the team, never expiring. */
export function emptyIndicatorDraft(): IndicatorDraft {
  return { id: null, type: 'ip', value: '', tags: '', confidence: 50, source: '', expiresAt: '', notes: '', visibility: 'team', incidentIds: [] };
}

/** A stored indicator as a draft for the edit dialog, its expiry on the wall clock of `zone` (the viewer's). */
export function draftOfIndicator(indicator: Indicator, zone: string = browserZone()): IndicatorDraft {
  return {
    id: indicator.id,
    type: indicator.type,
    value: indicator.value,
    tags: indicator.tags.join(', '),
    confidence: indicator.confidence,
    source: indicator.source,
    expiresAt: indicator.expiresAt ? localInputIn(indicator.expiresAt, zone) : '',
    notes: indicator.notes,
    visibility: indicator.visibility,
    incidentIds: [...indicator.incidentIds],
  };
}

/** A draft for an observable found in an incident: its type and value, the incident as source and link. */
export function draftOfObservable(observable: Pick<Observable, 'type' | 'value'>, incidentId: string): IndicatorDraft {
  return { ...emptyIndicatorDraft(), type: observable.type, value: observable.value, source: `incident ${incidentId}`, incidentIds: [incidentId] };
}

/** The API body of a draft (its expiry read on the wall clock of `zone`), or the field and message that keep it from being sent. */
export function bodyOfDraft(draft: IndicatorDraft, zone: string = browserZone()): { body: IndicatorBody } | { field: string; error: string } {
  let expiresAt: string | null = null;
  if (draft.expiresAt.trim()) {
    const at = instantFromLocal(draft.expiresAt.trim(), zone);
    if (at === null) return { field: 'expiresAt', error: 'expiresAt: not a date and time' };
    expiresAt = new Date(at).toISOString();
  }
  const tags = [...new Set(draft.tags.split(',').map((t) => t.trim()).filter(Boolean))];
  return {
    body: {
      type: draft.type,
      value: draft.value.trim(),
      tags,
      confidence: Math.round(draft.confidence),
      source: draft.source.trim(),
      expiresAt,
      notes: draft.notes,
      visibility: draft.visibility,
      incidentIds: draft.incidentIds,
    },
  };
}

/** The draft field a relay error path points at ("tags.2" → "tags"), so the dialog can mark it. */
export function draftFieldOf(path: string | null | undefined): keyof IndicatorDraft | null {
  const head = path?.split('.')[0];
  const fields: readonly (keyof IndicatorDraft)[] = ['type', 'value', 'tags', 'confidence', 'source', 'expiresAt', 'notes', 'visibility', 'incidentIds'];
  return fields.find((f) => f === head) ?? null;
}
