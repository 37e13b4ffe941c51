import { type ChangeSet, type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { Clock } from '../ports/clock.js';
import type { JobRecord } from '../ports/store.js';
import { nextTurn } from './job-lanes.js';
import type { JobHandler } from './job-runner.js';

/** One job's work, carried out inside a transaction it may share with other jobs of the same kind. */
export type BatchedJobWork = (changes: ChangeSet, job: JobRecord) => Promise<void>;

/** What the batcher needs. */
export interface CommitBatcherDeps extends CommitDeps {
  clock: Clock;
  /** How many jobs one transaction carries at most. */
  maxBatch?: number;
}

interface Waiting {
  job: JobRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Makes a job handler whose runs share commits: the jobs handed to it while a transaction runs (the
 * runner runs many incidents at once) are carried out together in the next one, so a burst of due
 * escalation steps costs one commit — one fsync on SQLite — per batch instead of one per step. Each
 * job's promise settles after that commit. When a batch fails, each of its jobs is run again alone,
 * so one broken job fails only itself. The jobs of one batch must not depend on each other (the
 * runner hands over one job per incident at a time); they run in incident order. This is for SQLite,
 * whose one connection runs every transaction in turn; on PostgreSQL each job commits alone.
 */
export function createCommitBatcher(deps: CommitBatcherDeps, work: BatchedJobWork): JobHandler {
  const maxBatch = Math.max(1, deps.maxBatch ?? 64);
  let queue: Waiting[] = [];
  let flushing = false;

  const runAll = (batch: Waiting[]) =>
    commitAndPublish(deps, deps.clock.now(), async (changes) => {
      for (const item of batch) await work(changes, item.job);
    });

  const flush = async () => {
    flushing = true;
    try {
      for (let round = 0; queue.length > 0; round++) {
        if (round > 0) await nextTurn();
        const batch = queue.slice(0, maxBatch).sort((a, b) => (a.job.incidentId ?? a.job.id).localeCompare(b.job.incidentId ?? b.job.id));
        queue = queue.slice(batch.length);
        try {
          await runAll(batch);
          for (const item of batch) item.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0]!.reject(error);
            continue;
          }
          for (const item of batch) {
            await runAll([item]).then(item.resolve, item.reject);
          }
        }
      }
    } finally {
      flushing = false;
    }
  };

  // PostgreSQL commits many connections' transactions side by side, and one transaction holding many
  // incidents' row locks would only make relays wait on each other: each job keeps its own there.
  if (deps.store.engine === 'postgres') return (job) => runAll([{ job, resolve: () => {}, reject: () => {} }]);
  return (job) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ job, resolve, reject });
      // Jobs launched in the same turn join this batch: the flush starts once the turn is over.
      if (!flushing) {
        flushing = true;
        queueMicrotask(() => void flush());
      }
    });
}
