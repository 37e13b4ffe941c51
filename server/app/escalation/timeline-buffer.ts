import { timeOrderedId } from '../ids/time-ordered-id.js';
import type { Actor, TimelineEvent, TimelineEventType } from '../../../shared/schemas/timeline.js';
import type { ChangeSet } from '../incidents/change-set.js';
import { markSimulated } from '../demo/simulated-actor.js';

/** Timeline events of one transaction held back to be appended together. */
export interface TimelineBuffer {
  /** Holds an event (stamped with the transaction's time, marked as `ChangeSet.timeline` marks it) until `flush`. */
  add(incidentId: string, type: TimelineEventType, actor: Actor, data: Record<string, unknown>): void;
  /** Appends the held events, in order, with multi-row inserts, and tells the feed of them after the commit. */
  flush(): Promise<void>;
}

/**
 * Creates a timeline buffer on `changes`: a level's hundreds of `page.queued`, `page.sent` or
 * `page.delivered` events cost one chain read and a few inserts instead of two statements each.
 */
export function createTimelineBuffer(changes: ChangeSet): TimelineBuffer {
  const held: TimelineEvent[] = [];
  return {
    add(incidentId, type, actor, data) {
      held.push({ id: timeOrderedId(), incidentId, at: changes.now.toISOString(), type, actor, data: markSimulated(actor, data) });
    },
    async flush() {
      if (held.length === 0) return;
      const events = held.splice(0);
      await changes.tx.appendTimelines(events);
      for (const event of events) changes.changes.push({ type: 'timeline:appended', event });
    },
  };
}
