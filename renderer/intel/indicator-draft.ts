import type { Indicator, IndicatorType, IndicatorVisibility } from '../../shared/schemas/intel.js';
import type { Observable } from '../../shared/intel/observables.js';
import type { IndicatorBody } from './intel-api.js';

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

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a datetime-local value in the browser's zone. */
function localInput(at: string): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An empty draft: an IP, medium confidence, seen by the team, never expiring. */
export function emptyIndicatorDraft(): IndicatorDraft {
  return { id: null, type: 'ip', value: '', tags: '', confidence: 50, source: '', expiresAt: '', notes: '', visibility: 'team', incidentIds: [] };
}

/** A stored indicator as a draft for the edit dialog. */
export function draftOfIndicator(indicator: Indicator): IndicatorDraft {
  return {
    id: indicator.id,
    type: indicator.type,
    value: indicator.value,
    tags: indicator.tags.join(', '),
    confidence: indicator.confidence,
    source: indicator.source,
    expiresAt: indicator.expiresAt ? localInput(indicator.expiresAt) : '',
    notes: indicator.notes,
    visibility: indicator.visibility,
    incidentIds: [...indicator.incidentIds],
  };
}

/** A draft for an observable found in an incident: its type and value, the incident as source and link. */
export function draftOfObservable(observable: Pick<Observable, 'type' | 'value'>, incidentId: string): IndicatorDraft {
  return { ...emptyIndicatorDraft(), type: observable.type, value: observable.value, source: `incident ${incidentId}`, incidentIds: [incidentId] };
}

/** The API body of a draft, or the field and message that keep it from being sent. */
export function bodyOfDraft(draft: IndicatorDraft): { body: IndicatorBody } | { field: string; error: string } {
  let expiresAt: string | null = null;
  if (draft.expiresAt.trim()) {
    const at = Date.parse(draft.expiresAt);
    if (Number.isNaN(at)) return { field: 'expiresAt', error: 'expiresAt: not a date and time' };
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
