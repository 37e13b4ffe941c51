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
 * array for each of its changes), for listeners that read the store once per commit; `read` holds
 * incidents as that commit left them that it read but did not change (so are not in `batch`).
 */
export type FeedListener = (change: FeedChange, batch: readonly FeedChange[], read: ReadonlyMap<string, Incident>) => void;

/**
 * The in-process feed of committed incident changes. Use-cases publish only after their transaction
 * commits; the Socket.IO gateway subscribes and fans changes out (across relays through the Redis
 * adapter when one is configured).
 */
export interface IncidentFeed {
  /** Tells every listener of `changes`, one commit's, in order; `read` as the listener gets it. */
  publish(changes: readonly FeedChange[], read?: ReadonlyMap<string, Incident>): void;
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: FeedListener): () => void;
}

const NONE_READ: ReadonlyMap<string, Incident> = new Map();

/** Creates an incident feed; a listener that throws does not stop the others. */
export function createIncidentFeed(onListenerError: (error: unknown) => void = () => {}): IncidentFeed {
  const listeners = new Set<FeedListener>();
  return {
    publish(changes, read = NONE_READ) {
      for (const change of changes) {
        for (const listener of listeners) {
          try {
            listener(change, changes, read);
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
