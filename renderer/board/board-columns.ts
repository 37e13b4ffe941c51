import type { Incident } from '../../shared/schemas/incident.js';
import type { SortKey } from './board-query.js';

/** One column of the board: its header, whether it sorts, its cell class and its grid track. */
export interface BoardColumn {
  key: SortKey | null;
  label: string;
  className: string;
  /**
   * The CSS grid track. Fixed tracks hold badges and numbers whole; the summary takes most of the
   * free width (5 parts), the name columns a part or so each, each with a floor so 1280 px still fits.
   */
  track: string;
}

const PRIORITY: BoardColumn = { key: 'priority', label: 'Priority', className: 'c-priority', track: '6.4rem' };
const STATE: BoardColumn = { key: 'state', label: 'State', className: 'c-state', track: '7.6rem' };
const SERVICE: BoardColumn = { key: 'service', label: 'Service', className: 'c-service', track: 'minmax(6rem, 1fr)' };
const CLIENT: BoardColumn = { key: null, label: 'Client', className: 'c-client', track: 'minmax(6rem, 1fr)' };
const SUMMARY: BoardColumn = { key: 'summary', label: 'Summary', className: 'c-summary', track: 'minmax(14rem, 5fr)' };
const AGE: BoardColumn = { key: 'age', label: 'Age', className: 'c-age', track: '4.6rem' };
const ALERTS: BoardColumn = { key: 'alerts', label: 'Alerts', className: 'c-alerts', track: '3.4rem' };
const PAGED: BoardColumn = { key: null, label: 'Paged', className: 'c-paged', track: 'minmax(7rem, 1.4fr)' };
const ASSIGNED: BoardColumn = { key: null, label: 'Assigned', className: 'c-assigned', track: 'minmax(9rem, 1.6fr)' };

/** The selection checkbox's track, before every column. */
const SELECT_TRACK = '2rem';

/** Whether some incident has a verdict or a triage/forensic analyst (the Assigned column shows only then). */
export function anyAssigned(rows: readonly Incident[]): boolean {
  return rows.some((r) => r.triageVerdict !== null || r.triageAssignee !== null || r.forensicAssignee !== null);
}

/**
 * The board's columns in order. Client and Assigned are folded away while no incident on the board
 * has one, so their width goes to the summary.
 */
export function boardColumns(show: { client: boolean; assigned: boolean }): BoardColumn[] {
  return [PRIORITY, STATE, SERVICE, ...(show.client ? [CLIENT] : []), SUMMARY, AGE, ALERTS, PAGED, ...(show.assigned ? [ASSIGNED] : [])];
}

/** The grid-template-columns of a board with these columns (the selection checkbox first). */
export function gridTemplate(columns: readonly BoardColumn[]): string {
  return [SELECT_TRACK, ...columns.map((c) => c.track)].join(' ');
}

/** A verdict as the Assigned cell shows it, short ('FP'), and in words for its tooltip. */
export function verdictWords(verdict: Incident['triageVerdict']): { short: string; long: string } | null {
  if (verdict === 'false_positive') return { short: 'FP', long: 'False positive' };
  if (verdict === 'confirmed') return { short: 'Confirmed', long: 'Confirmed' };
  return null;
}

/**
 * The Assigned cell's tooltip: the verdict and both analysts in words ("False positive · Triage: Bob
 * Example · Forensic: —"), or '' when the incident has none of them.
 */
export function assignedTitle(verdict: Incident['triageVerdict'], triageName: string, forensicName: string): string {
  const words = verdictWords(verdict);
  if (!words && !triageName && !forensicName) return '';
  return [words?.long ?? 'No verdict', `Triage: ${triageName || '—'}`, `Forensic: ${forensicName || '—'}`].join(' · ');
}

/** A name as the crowded Assigned cell shows it: the first word ('Bob Example' → 'Bob'), or '—' for nobody. */
export function firstName(name: string | undefined): string {
  return name ? name.split(' ')[0]! : '—';
}
