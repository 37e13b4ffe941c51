import type { Clock } from '../ports/clock.js';
import type { JobRecord } from '../ports/store.js';

/**
 * Resolves on a later turn of the event loop. better-sqlite3 answers synchronously, so a chain of
 * store calls never gives the loop a turn by itself: without this, a burst of due work would hold
 * every socket write (the very pages it sends) and timer until the burst is over.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Lets at most `perTurn` callers through per turn of the event loop, the rest on later turns: the
 * sockets and timers get a turn between every few jobs, however many are due at once.
 */
function createTurnGate(perTurn: number): () => Promise<void> {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const release = () => {
    scheduled = false;
    for (const resolve of waiting.splice(0, perTurn)) resolve();
    // An immediate set while immediates run waits for the next turn, after the sockets' I/O.
    if (waiting.length > 0) schedule();
  };
  const schedule = () => {
    scheduled = true;
    setImmediate(release);
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!scheduled) schedule();
    });
}

/** What the lanes need to run one job. */
export interface JobLanesDeps {
  clock: Clock;
  /** Runs one job; a throw is reported through `onError` and leaves the job for a retry. */
  run: (job: JobRecord, now: Date) => Promise<void>;
  onError: (error: unknown, job?: JobRecord) => void;
  /** Hears of each job that ran to completion (the runner deletes them in batches). */
  onFinished: (job: JobRecord) => void;
  /** Hears that a slot came free or a job settled, so that a waiting runner looks again. */
  onSettled: () => void;
  /**
   * How long a job may hold its slot: past it the slot goes to other work (the job keeps its lane,
   * so the incident's later jobs still wait for it, and its lease makes it run again if it never ends).
   */
  slotTimeoutMs: number;
  /** How many jobs start per turn of the event loop at most (see `nextTurn`); 8 by default. */
  perTurn?: number;
}

/**
 * Runs claimed jobs side by side: jobs of different incidents at once, the jobs of one incident one
 * after the other in the order they were handed over (due order), and each job in a slot that a
 * slow handler (an SMTP server, an HTTP provider) gives up after `slotTimeoutMs`.
 */
export interface JobLanes {
  /**
   * Starts `job` (after the incident's earlier jobs); it holds a slot until it settles or times out.
   * A job of the same id still in hand (claimed again after its lease ran out) is not started twice:
   * answers false then.
   */
  launch(job: JobRecord): boolean;
  /** How many slots are taken. */
  busy(): number;
  /** Resolves once every slot taken now has come free. */
  settled(): Promise<void>;
}

/** Creates the lanes. */
export function createJobLanes(deps: JobLanesDeps): JobLanes {
  /** The last job of each incident that is running or waiting, so the next one runs after it. */
  const tails = new Map<string, Promise<void>>();
  const slots = new Set<Promise<void>>();
  const inHand = new Set<string>();
  const gate = createTurnGate(Math.max(1, deps.perTurn ?? 8));

  const runInLane = (job: JobRecord): Promise<void> => {
    const key = job.incidentId;
    const before = key === null ? undefined : tails.get(key);
    const run = (async () => {
      if (before) await before;
      await gate();
      try {
        await deps.run(job, deps.clock.now());
        deps.onFinished(job);
      } catch (error) {
        deps.onError(error, job);
      }
    })();
    if (key !== null) {
      tails.set(key, run);
      void run.then(() => {
        if (tails.get(key) === run) tails.delete(key);
      });
    }
    return run;
  };

  return {
    launch(job) {
      if (inHand.has(job.id)) return false;
      inHand.add(job.id);
      const run = runInLane(job);
      void run.then(() => inHand.delete(job.id));
      const slot = new Promise<void>((resolve) => {
        const timer = deps.clock.setTimer(new Date(deps.clock.now().getTime() + deps.slotTimeoutMs), () => {
          deps.onError(new Error(`job ${job.id} (${job.kind}) still runs after ${deps.slotTimeoutMs} ms; its slot goes to other work`), job);
          resolve();
        });
        void run.then(() => {
          timer.cancel();
          resolve();
        });
      });
      slots.add(slot);
      void slot.then(() => {
        slots.delete(slot);
        deps.onSettled();
      });
      return true;
    },
    busy: () => slots.size,
    async settled() {
      while (slots.size > 0) await Promise.all([...slots]);
    },
  };
}
