import type { Clock, TimerHandle } from '../ports/clock.js';
import type { JobRecord, Store } from '../ports/store.js';
import { createJobLanes, nextTurn } from './job-lanes.js';

/** The runner's own bookkeeping commits without waiting for the disk (see `claim`). */
const NOT_DURABLE = { durable: false } as const;

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
  /** Reports a failed job, a job that outran its slot, or a failed wake-up (the runner keeps going). */
  onError: (error: unknown, job?: JobRecord) => void;
  /** How long a claimed job is reserved for this relay. */
  leaseMs?: number;
  /** How many jobs one claim takes at most. */
  batchSize?: number;
  /** How many jobs run at once (jobs of one incident always run one after the other). */
  concurrency?: number;
  /** How long one job may hold its slot before the slot goes to other work (see `JobLanesDeps`). */
  slotTimeoutMs?: number;
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
  /** Stops the timer and claims nothing more; resolves once the jobs in hand have finished. */
  stop(): Promise<void>;
}

/**
 * Creates the job runner. One claim takes many due rows in one statement; the jobs of different
 * incidents run side by side (at most `concurrency`), the jobs of one incident in due order; finished
 * jobs are deleted together, in the transaction of the next claim. After a restart — even `kill -9`
 * — every overdue row runs at once, and so do the jobs the node had claimed when it died: at once
 * when it keeps its name, otherwise once its last heartbeat runs out. A job whose handler succeeded
 * is deleted, so delivery is at-least-once and handlers dedup by id.
 */
export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const leaseMs = deps.leaseMs ?? 30_000;
  const batchSize = deps.batchSize ?? 200;
  const concurrency = Math.max(1, deps.concurrency ?? 64);
  const maxSleepMs = deps.maxSleepMs ?? 5_000;
  const heartbeatMs = deps.heartbeatMs ?? 1_000;
  const aliveForMs = deps.aliveForMs ?? 5_000;
  let beat: TimerHandle | undefined;
  let timer: TimerHandle | undefined;
  let timerAt: number | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  /** Set by stop(): the jobs in hand finish, nothing more is claimed. */
  let halted = false;
  /** Set when something may have fallen due since the last claim (a poke, a timer, a free slot). */
  let again = false;
  let nudge: (() => void) | undefined;
  let finished: string[] = [];
  let done = 0;

  const kick = () => {
    again = true;
    nudge?.();
  };

  const lanes = createJobLanes({
    clock: deps.clock,
    // On SQLite the jobs started in one turn commit together (group commit): 32 a turn makes fewer,
    // larger commits (8 made a 10,000-step burst twice as late). On PostgreSQL each job commits
    // alone, and more at once only wait longer on each other's row locks (32 made a 2,000-step
    // burst ≈ 20 % later there).
    perTurn: deps.store.engine === 'sqlite' ? 32 : 8,
    slotTimeoutMs: deps.slotTimeoutMs ?? Math.max(1, Math.floor(leaseMs / 3)),
    onError: deps.onError,
    run: async (job, now) => {
      const handler = deps.handlers[job.kind];
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(job, now);
    },
    onFinished: (job) => {
      finished.push(job.id);
      done += 1;
    },
    onSettled: () => nudge?.(),
  });

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

  /**
   * Deletes the finished jobs and claims up to `limit` due ones in one transaction, which does not
   * wait for the disk: a crash that undoes it only runs those jobs again (a lost claim leaves them
   * free, a lost completion leaves them to run once more), which is the at-least-once delivery every
   * handler allows anyway. The jobs' own work commits durably, in the handlers.
   */
  const claim = async (limit: number): Promise<JobRecord[]> => {
    const ids = finished;
    finished = [];
    const now = deps.clock.now();
    try {
      return await deps.store.transaction(
        async (tx) => {
          if (ids.length > 0) await tx.completeJobs(ids, deps.owner);
          return limit > 0 ? tx.claimDueJobs(now, limit, deps.owner, leaseMs) : [];
        },
        NOT_DURABLE,
      );
    } catch (error) {
      finished.push(...ids);
      throw error;
    }
  };

  /** Waits until a kick, or until at most `busy` slots are taken. */
  const waitUntil = (busy: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!again && !halted && lanes.busy() > busy) return;
        nudge = undefined;
        resolve();
      };
      nudge = check;
      check();
    });

  const pump = async (): Promise<void> => {
    for (let round = 0; ; round++) {
      // Sockets get their turn between claims (see nextTurn): the pages just sent go out now.
      if (round > 0) await nextTurn();
      again = false;
      if (halted) break;
      const limit = Math.min(batchSize, concurrency - lanes.busy());
      const jobs = await claim(limit);
      for (const job of jobs) lanes.launch(job);
      const full = limit > 0 && jobs.length === limit;
      if (again || (full && lanes.busy() < concurrency)) continue;
      if (lanes.busy() === 0) {
        if (finished.length === 0) return;
        continue;
      }
      if (!full) {
        // Work is in hand and nothing else is due yet: sleep until the next row is due, a poke or
        // the last slot frees, so that a slow job never holds up a job falling due meanwhile.
        const now = deps.clock.now();
        const next = await deps.store.nextDueAt(now);
        const fallback = new Date(now.getTime() + maxSleepMs);
        arm(next && next < fallback ? next : fallback);
        if (again) continue;
      }
      // A backlog waits for half the slots, so that one claim takes many rows, not one per slot.
      await waitUntil(full ? Math.floor(concurrency / 2) : 0);
    }
    await lanes.settled();
    if (finished.length > 0) await claim(0);
  };

  const wake = async (): Promise<number> => {
    if (running) {
      kick();
      return running;
    }
    running = (async () => {
      const before = done;
      try {
        for (;;) {
          await pump();
          if (stopped) break;
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
      return done - before;
    })();
    return running;
  };

  const heartbeat = async () => {
    beat = undefined;
    if (stopped) return;
    const now = deps.clock.now();
    try {
      // A lost heartbeat only makes the node look dead sooner, which its next one mends.
      await deps.store.transaction((tx) => tx.heartbeat(deps.owner, new Date(now.getTime() + aliveForMs)), NOT_DURABLE);
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
      nudge?.();
      timer?.cancel();
      timer = undefined;
      timerAt = undefined;
      beat?.cancel();
      beat = undefined;
      await running;
      await lanes.settled();
      if (wasRunning) await deps.store.forgetNode(deps.owner).catch((error: unknown) => deps.onError(error));
    },
  };
}
