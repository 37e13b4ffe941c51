import { ChangeSet, type CommitDeps, commitAndPublish, published } from './change-set.js';
import type { Clock } from '../ports/clock.js';

/** One request's work: what `commitAndPublish` runs, in its own change set. */
export type GroupWork<T> = (changes: ChangeSet) => Promise<T>;

/** Commits requests' work, each answered only once its writes are durable. */
export interface GroupCommit {
  /**
   * Runs `work` in a transaction, possibly together with other requests' work, and resolves once
   * that transaction has committed (the feed has heard of the changes by then). Rejects when `work`
   * threw (only its own writes are rolled back) or when the shared commit failed (nothing committed).
   */
  run<T>(work: GroupWork<T>): Promise<T>;
}

/** What group commit needs. */
export interface GroupCommitDeps extends CommitDeps {
  clock: Clock;
  /** Most requests one transaction carries (default 100); the rest wait for the next one. */
  maxGroup?: number;
}

interface Waiting {
  work: GroupWork<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Done {
  waiting: Waiting;
  set?: ChangeSet;
  value?: unknown;
  error?: unknown;
  failed: boolean;
}

/**
 * Creates group commit. On SQLite every commit waits for the disk (synchronous=FULL) and one
 * connection runs every transaction in turn, so requests that arrive together, or while a
 * transaction runs, are gathered and committed together in the next one: one fsync for all of
 * them. Each request runs under its own savepoint, so a request whose work throws fails alone; the
 * others commit. Each is answered only after the commit. On PostgreSQL (many connections, row locks held to the commit)
 * every request keeps a transaction of its own: holding many incidents' locks in one transaction
 * would make relays wait on, and deadlock with, each other.
 */
export function createGroupCommit(deps: GroupCommitDeps): GroupCommit {
  const maxGroup = deps.maxGroup ?? 100;
  const queue: Waiting[] = [];
  let draining = false;

  const commitGroup = async (group: Waiting[]): Promise<void> => {
    const done: Done[] = group.map((waiting) => ({ waiting, failed: false }));
    try {
      await deps.store.transaction(async (tx) => {
        for (const item of done) {
          try {
            item.value = await tx.savepoint((sp) => {
              item.set = new ChangeSet(sp, deps.clock.now());
              return item.waiting.work(item.set);
            });
          } catch (error) {
            item.failed = true;
            item.error = error;
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the group is stored, so every request fails.
      for (const item of done) item.waiting.reject(item.failed ? item.error : error);
      return;
    }
    for (const item of done) {
      if (item.failed) {
        item.waiting.reject(item.error);
        continue;
      }
      try {
        published(deps, item.set!);
      } catch (error) {
        // Committed, but an effect threw with nobody to hear of it: this request fails as a
        // transaction of its own would; the others of the group are still answered.
        item.waiting.reject(error);
        continue;
      }
      item.waiting.resolve(item.value);
    }
  };

  const drain = async (): Promise<void> => {
    try {
      while (queue.length > 0) await commitGroup(queue.splice(0, maxGroup));
    } finally {
      draining = false;
    }
  };

  return {
    run<T>(work: GroupWork<T>): Promise<T> {
      if (deps.store.engine !== 'sqlite') return commitAndPublish(deps, deps.clock.now(), work);
      return new Promise<T>((resolve, reject) => {
        queue.push({ work: work as GroupWork<unknown>, resolve: resolve as (value: unknown) => void, reject });
        if (!draining) {
          draining = true;
          // better-sqlite3 answers synchronously, so a transaction runs start to end in microtasks and
          // no request could arrive meanwhile: the group forms from every request the event loop
          // delivered in this turn, and is committed in the next one.
          setImmediate(() => void drain());
        }
      });
    },
  };
}

/** What `commitGrouped` needs: the commit deps, and the group commit when there is one. */
export interface GroupedCommitDeps extends CommitDeps {
  clock: Clock;
  group?: GroupCommit;
}

/**
 * Runs `work` in the group commit when `deps.group` is given (committed with whatever else commits at
 * that moment), else in a transaction of its own; resolves once it has committed.
 */
export function commitGrouped<T>(deps: GroupedCommitDeps, work: GroupWork<T>): Promise<T> {
  return deps.group ? deps.group.run(work) : commitAndPublish(deps, deps.clock.now(), work);
}
