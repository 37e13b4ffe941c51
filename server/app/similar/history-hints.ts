import type { HistoryHint } from '../../../shared/schemas/incident.js';
import { type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { Clock } from '../ports/clock.js';
import type { SimilarFinder } from './similar-finder.js';

/** What the hint writer needs. */
export interface HistoryHintsDeps extends CommitDeps {
  clock: Clock;
  finder: Pick<SimilarFinder, 'hintFor'>;
  /** Most incidents waiting for a hint; beyond it new ones go without (a storm must not queue work). Default 200. */
  maxPending?: number;
  /** Most hints written in one transaction. Default 25. */
  batchSize?: number;
  onError?: (error: unknown, incidentId: string) => void;
}

/** Computes and stores the board's history hint of newly opened incidents, behind ingest. */
export interface HistoryHints {
  /** Queues an incident for its hint; false when the queue was full or it waits already. */
  enqueue(incidentId: string): boolean;
  /** How many incidents went without a hint because the queue was full. */
  readonly skipped: number;
  /** Resolves once the queue is empty and nothing is being written (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * Creates the hint writer. Each queued incident's hint is computed from the store after ingest has
 * committed it (never in the ingest transaction), and the hints of a batch are written in one
 * transaction as incident updates, so that consoles get them by the usual `incident:updated`. An
 * incident with no similar past incident gets no write at all (no hint is "none"). When more than
 * `maxPending` wait, newly opened incidents are skipped: under a storm the board goes without hints
 * rather than ingest without its speed. Each incident's reads run on a turn of the event loop of
 * their own.
 */
export function createHistoryHints(deps: HistoryHintsDeps): HistoryHints {
  const maxPending = deps.maxPending ?? 200;
  const batchSize = deps.batchSize ?? 25;
  const pending: string[] = [];
  const waiting = new Set<string>();
  let skipped = 0;
  let running: Promise<void> | undefined;

  const computeBatch = async (ids: readonly string[]): Promise<{ id: string; hint: HistoryHint }[]> => {
    const hints: { id: string; hint: HistoryHint }[] = [];
    for (const id of ids) {
      // One incident per turn of the event loop: on SQLite every read runs synchronously, and
      // ingest requests that arrived meanwhile go first.
      await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        const incident = await deps.store.getIncident(id);
        if (!incident) continue;
        const hint = await deps.finder.hintFor(incident);
        if (hint.similar > 0) hints.push({ id, hint });
      } catch (error) {
        deps.onError?.(error, id);
      }
    }
    return hints;
  };

  const drain = async (): Promise<void> => {
    while (pending.length > 0) {
      const ids = pending.splice(0, batchSize);
      for (const id of ids) waiting.delete(id);
      const hints = await computeBatch(ids);
      if (hints.length === 0) continue;
      try {
        await commitAndPublish(deps, deps.clock.now(), async (changes) => {
          for (const { id, hint } of hints) {
            const updated = await changes.tx.updateIncident(id, { historyHint: hint });
            if (updated) changes.updated(updated);
          }
        });
      } catch (error) {
        for (const { id } of hints) deps.onError?.(error, id);
      }
    }
  };

  const start = () => {
    running ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(drain)
      .finally(() => {
        running = undefined;
        if (pending.length > 0) start();
      });
  };

  return {
    enqueue(incidentId) {
      if (waiting.has(incidentId)) return false;
      if (pending.length >= maxPending) {
        skipped += 1;
        return false;
      }
      pending.push(incidentId);
      waiting.add(incidentId);
      start();
      return true;
    },
    get skipped() {
      return skipped;
    },
    async idle() {
      while (running) await running;
    },
  };
}
