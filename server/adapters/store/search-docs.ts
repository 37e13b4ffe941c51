import type { Generated } from 'kysely';
import type { PostmortemFields } from '../../../shared/schemas/postmortem.js';
import { indexText, payloadText } from '../../core/history/search-terms.js';

/**
 * The search index's documents other than alerts (alerts carry their own `search_terms` column): an
 * incident's summary and source, each note and evidence description, each post-mortem's text per
 * incident it covers. `weight` ranks where a term matched (see IncidentSearch).
 */
export interface SearchDocsTable {
  pos: Generated<number>;
  /** `incident:<id>`, `timeline:<event id>`, `postmortem:<postmortem id>:<incident id>`. */
  doc_key: string;
  incident_id: string;
  weight: number;
  /** The text as written (snippets are cut from it). */
  body: string;
  /** Its normalised terms (what the index holds; see search-terms.ts). */
  terms: string;
}

/** How much a match counts, by where it is. */
export const WEIGHT = { incident: 3, content: 2, alert: 1 } as const;

/** A search document before it is written. */
export type SearchDoc = Omit<SearchDocsTable, 'pos'>;

/** The document of an incident's own summary and source. */
export function incidentDoc(incident: { id: string; summary: string; source: string }): SearchDoc {
  const body = `${incident.summary}\n${incident.source}`;
  return { doc_key: `incident:${incident.id}`, incident_id: incident.id, weight: WEIGHT.incident, body, terms: indexText(body) };
}

/** The timeline events whose words are searched: notes and evidence descriptions. */
export function timelineDocText(type: string, data: Record<string, unknown>): string | undefined {
  if (type === 'note.added' && typeof data.text === 'string') return data.text;
  if (type === 'evidence.added') {
    return [data.description, data.fileName].filter((v): v is string => typeof v === 'string').join('\n') || undefined;
  }
  return undefined;
}

/** The document of a note or evidence event, or undefined for other events. */
export function timelineDoc(event: { id: string; incidentId: string; type: string; data: Record<string, unknown> }): SearchDoc | undefined {
  const body = timelineDocText(event.type, event.data);
  if (body === undefined) return undefined;
  return { doc_key: `timeline:${event.id}`, incident_id: event.incidentId, weight: WEIGHT.content, body, terms: indexText(body) };
}

/** The searchable text of a post-mortem: its prose fields, the review answers' notes, action item titles. */
export function postmortemText(fields: PostmortemFields): string {
  return [
    fields.summary,
    fields.impact,
    fields.rootCause,
    fields.contributingFactors,
    fields.questions?.delivery?.note,
    fields.questions?.information?.missing,
    ...(fields.actionItems ?? []).map((item) => item.title),
  ]
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '')
    .join('\n');
}

/** One document per incident a post-mortem covers. */
export function postmortemDocs(postmortemId: string, incidentIds: readonly string[], fields: PostmortemFields): SearchDoc[] {
  const body = postmortemText(fields);
  const terms = indexText(body);
  return incidentIds.map((incidentId) => ({
    doc_key: `postmortem:${postmortemId}:${incidentId}`,
    incident_id: incidentId,
    weight: WEIGHT.content,
    body,
    terms,
  }));
}

/** The terms an alert row stores: its summary, source and the string values of its payload. */
export function alertTerms(alert: { summary: string; source: string; payload: unknown }): string {
  return indexText(alert.summary, alert.source, payloadText(alert.payload));
}

/** The text of an alert a snippet is cut from. */
export function alertText(alert: { summary: string; source: string; payload: unknown }): string {
  return [alert.summary, alert.source, payloadText(alert.payload, 20_000)].filter((t) => t !== '').join('\n');
}
