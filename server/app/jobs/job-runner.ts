import type { Clock, TimerHandle } from '../ports/clock.js';
import type { JobRecord, Store } from '../ports/store.js';

/** Carries out one due job; a throw leaves the job in the store to be retried when its lease ends. */
export type JobHandler = (job: JobRecord, now: Date) => Promise<void>;

/** What the job runner needs. */
export interface JobRunnerDeps {
  store: Store;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  /**
   * Names this relay node in leases, so several relays sharing PostgreSQL never run a job twice at
   * once. A name kept across restarts (see `nodeIdFor`) lets a restarted relay take back at once
   * the jobs its previous run had claimed when it died.
   */
  owner: string;
  /** Reports a failed job or a failed wake-up (the runner keeps going). */
  onError: (error: unknown, job?: JobRecord) => void;
  /** How long a claimed job is reserved for this relay. */
  leaseMs?: number;
  /** How many jobs one wake-up claims at most before it looks again. */
  batchSize?: number;
  /** Look again at least this often, for jobs other relays added. */
  maxSleepMs?: number;
  /** How often this node tells the store it is alive. */
  heartbeatMs?: number;
  /**
   * How long one heartbeat vouches for this node: after that without a newer one, other nodes may
   * claim the jobs it holds (it is taken for dead, so its leases no longer count).
   */
  aliveForMs?: number;
}

/** Runs due jobs: one timer for the earliest due row; every job is a row, so nothing is lost on a crash. */
export interface JobRunner {
  start(): Promise<void>;
  /**
   * Tells the runner that a job is due at `at`, so it wakes then if that is earlier than planned;
   * ignored while the runner is stopped.
   */
  poke(at: Date): void;
  /** Runs everything due now and waits for it (the manual clock's tests use it). */
  runDue(): Promise<number>;
  /** Stops the timer and claims no further batch; resolves once the batch in hand has finished. */
  stop(): Promise<void>;
}

/**
 * Creates the job runner. After a restart — even `kill -9` — every overdue row runs at once, and so
 * do the jobs the node had claimed when it died: at once when it keeps its name, otherwise once its
 * last heartbeat runs out. A job whose handler succeeded is deleted, so delivery is at-least-once
 * and handlers dedup by id.
 */
export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const leaseMs = deps.leaseMs ?? 30_000;
  const batchSize = deps.batchSize ?? 200;
  const maxSleepMs = deps.maxSleepMs ?? 5_000;
  const heartbeatMs = deps.heartbeatMs ?? 1_000;
  const aliveForMs = deps.aliveForMs ?? 5_000;
  let beat: TimerHandle | undefined;
  let timer: TimerHandle | undefined;
  let timerAt: number | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  /** Set by stop(): the batch in hand finishes, no further batch is claimed. */
  let halted = false;
  let again = false;

  const arm = (at: Date) => {
    if (stopped) return;
    const ms = at.getTime();
    if (timer && timerAt !== undefined && timerAt <= ms) return;
    timer?.cancel();
    timerAt = ms;
    timer = deps.clock.setTimer(at, () => {
      timer = undefined;
      timerAt = undefined;
      void wake();
    });
  };

  const runOne = async (job: JobRecord, now: Date) => {
    const handler = deps.handlers[job.kind];
    if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
    await handler(job, now);
  };

  const drain = async (): Promise<number> => {
    let done = 0;
    for (;;) {
      const now = deps.clock.now();
      const jobs = await deps.store.claimDueJobs(now, batchSize, deps.owner, leaseMs);
      const finished: string[] = [];
      for (const job of jobs) {
        try {
          await runOne(job, now);
          finished.push(job.id);
        } catch (error) {
          deps.onError(error, job);
        }
      }
      // The batch's completions go in one commit: with SQLite's synchronous=FULL every commit waits
      // for the disk, and a commit per finished job nearly doubled the cost of every step and send.
      // A crash before it re-runs those jobs once their lease ends (at-least-once, as before).
      if (finished.length > 0) {
        await deps.store.transaction(async (tx) => {
          for (const id of finished) await tx.completeJob(id, deps.owner);
        });
        done += finished.length;
      }
      if (jobs.length < batchSize || halted) return done;
    }
  };

  const wake = async (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        for (;;) {
          again = false;
          total += await drain();
          if (stopped) break;
          if (again) continue;
          const now = deps.clock.now();
          const next = await deps.store.nextDueAt(now);
          // A job committed (and poked) while we looked may be missing from `next`: look again now
          // rather than sleep up to maxSleepMs past its due time.
          if (again) continue;
          const fallback = new Date(now.getTime() + maxSleepMs);
          arm(next && next < fallback ? next : fallback);
          break;
        }
      } catch (error) {
        deps.onError(error);
        arm(new Date(deps.clock.now().getTime() + 1_000));
      } finally {
        running = undefined;
      }
      return total;
    })();
    return running;
  };

  const heartbeat = async () => {
    beat = undefined;
    if (stopped) return;
    const now = deps.clock.now();
    try {
      await deps.store.heartbeat(deps.owner, new Date(now.getTime() + aliveForMs));
    } catch (error) {
      deps.onError(error);
    }
    if (!stopped) beat = deps.clock.setTimer(new Date(now.getTime() + heartbeatMs), () => void heartbeat());
  };

  return {
    async start() {
      stopped = false;
      halted = false;
      // Leases under this node's name were taken by a run of it that is gone (kill -9, power loss).
      await deps.store.releaseLeases(deps.owner);
      await heartbeat();
      await wake();
    },
    poke(at) {
      // A stopped runner (shutting down, or driven by runDue in tests) starts no work of its own.
      if (stopped) return;
      if (at.getTime() <= deps.clock.now().getTime()) void wake();
      else arm(at);
    },
    runDue: wake,
    async stop() {
      const wasRunning = !stopped;
      stopped = true;
      halted = true;
      timer?.cancel();
      timer = undefined;
      timerAt = undefined;
      beat?.cancel();
      beat = undefined;
      await running;
      if (wasRunning) await deps.store.forgetNode(deps.owner).catch((error: unknown) => deps.onError(error));
    },
  };
}
