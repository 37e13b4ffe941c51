import type { Incident } from '../../shared/schemas/incident.js';

/** Above this many changed incidents in one batch a full sort is as cheap as moving rows one by one. */
export const INCREMENTAL_LIMIT = 256;

/** Finds where `incident` goes in `rows` (sorted by `compare`), by binary search. */
function insertionPoint(rows: readonly Incident[], incident: Incident, compare: (a: Incident, b: Incident) => number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(rows[middle]!, incident) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Brings the board's sorted, filtered rows up to date after a batch changed the incidents `changed`
 * names: the changed rows are taken out, and those still open and matching are put back in their
 * place. With a few changes among thousands of rows this costs one pass and a few binary searches
 * instead of a full sort each frame; the result is the same as filtering and sorting afresh.
 */
export function updateSorted(
  previous: readonly Incident[],
  changed: ReadonlySet<string>,
  current: (id: string) => Incident | undefined,
  matches: (incident: Incident) => boolean,
  compare: (a: Incident, b: Incident) => number,
): Incident[] {
  const rows = previous.filter((incident) => !changed.has(incident.id));
  for (const id of changed) {
    const incident = current(id);
    if (!incident || !matches(incident)) continue;
    rows.splice(insertionPoint(rows, incident, compare), 0, incident);
  }
  return rows;
}
