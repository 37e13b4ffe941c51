import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';

/** One committed change that consoles must hear about. */
export type FeedChange =
  | { type: 'incident:created'; incident: Incident }
  | { type: 'incident:updated'; incident: Incident }
  | { type: 'timeline:appended'; event: TimelineEvent }
  | { type: 'page:updated'; page: Page };

/**
 * A listener for committed changes. `batch` is everything one commit published, in order (the same
 * array for each of its changes), for listeners that read the store once per commit.
 */
export type FeedListener = (change: FeedChange, batch: readonly FeedChange[]) => void;

/**
 * The in-process feed of committed incident changes. Use-cases publish only after their transaction
 * commits; the Socket.IO gateway subscribes and fans changes out (across relays through the Redis
 * adapter when one is configured).
 */
export interface IncidentFeed {
  publish(changes: readonly FeedChange[]): void;
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: FeedListener): () => void;
}

/** Creates an incident feed; a listener that throws does not stop the others. */
export function createIncidentFeed(onListenerError: (error: unknown) => void = () => {}): IncidentFeed {
  const listeners = new Set<FeedListener>();
  return {
    publish(changes) {
      for (const change of changes) {
        for (const listener of listeners) {
          try {
            listener(change, changes);
          } catch (error) {
            onListenerError(error);
          }
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
