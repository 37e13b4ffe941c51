import type { TimelineEvent } from '../../../shared/schemas/timeline.js';

/** One line of the timeline as shown: an event, or a run of folded duplicate alerts shown as one. */
export type TimelineItem = { kind: 'event'; event: TimelineEvent } | { kind: 'folded'; id: string; events: TimelineEvent[] };

/**
 * Collapses every run of at least `minRun` consecutive `alert.folded` events into one item, so a storm
 * of duplicates does not bury the rest of the incident's story; shorter runs stay as they are.
 */
export function collapseFolded(events: readonly TimelineEvent[], minRun = 3): TimelineItem[] {
  const items: TimelineItem[] = [];
  let run: TimelineEvent[] = [];
  const flush = () => {
    if (run.length >= minRun) items.push({ kind: 'folded', id: `folded:${run[0]!.id}`, events: run });
    else for (const event of run) items.push({ kind: 'event', event });
    run = [];
  };
  for (const event of events) {
    if (event.type === 'alert.folded') {
      run.push(event);
      continue;
    }
    flush();
    items.push({ kind: 'event', event });
  }
  flush();
  return items;
}
