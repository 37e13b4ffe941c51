import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What one checkpoint did: frames in the WAL, frames copied into the database, and whether a reader held it back. */
export interface CheckpointResult {
  busy: boolean;
  log: number;
  checkpointed: number;
}

/** The thread that checkpoints a SQLite file's WAL beside the relay's connection. */
export interface SqliteCheckpointer {
  /** Checkpoints now and answers what it did (rejects once the thread has stopped). */
  checkpointNow(): Promise<CheckpointResult>;
  /** Stops the thread (its last checkpoint finished); resolves when it has exited. */
  stop(): Promise<void>;
}

/** How often the thread checkpoints by default. */
const INTERVAL_MS = 200;

/**
 * The thread's code, in plain JavaScript: the relay runs from TypeScript sources (tsx) or from its
 * build, and an evaluated script runs the same in both. It opens its own connection to the file and
 * runs a PASSIVE checkpoint (it never waits for, nor blocks, the relay's writes) every interval and
 * when asked.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
const checkpoint = () => {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)');
  return { busy: row.busy !== 0, log: row.log, checkpointed: row.checkpointed };
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message.kind === 'now') parentPort.postMessage({ id: message.id, result: checkpoint() });
  if (message.kind === 'stop') {
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.close();
  }
});
`;

/**
 * Starts a thread that checkpoints `file`'s write-ahead log. SQLite's automatic checkpoint runs inside
 * the commit that crosses the WAL's threshold, on the relay's one thread: copying a thousand pages
 * into the database and syncing it stalled that commit (and every request in its group) for tens of
 * milliseconds under a storm. The caller turns the automatic checkpoint off while this runs, and back
 * on when `onExit` hears that the thread ended by an error. It checkpoints every `intervalMs` and on
 * `checkpointNow()`.
 */
export function startSqliteCheckpointer(file: string, onExit: (error: Error | undefined) => void, intervalMs = INTERVAL_MS): SqliteCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(THREAD, { eval: true, workerData: { file, driver, intervalMs } });
  // The thread must not keep the relay's process alive.
  worker.unref();
  const waiting = new Map<number, { resolve: (result: CheckpointResult) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let stopping = false;
  let failure: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      const error = failure ?? (stopping ? undefined : new Error(`the SQLite checkpoint thread exited (${code})`));
      for (const { reject } of waiting.values()) reject(error ?? new Error('the SQLite checkpoint thread stopped'));
      waiting.clear();
      onExit(error);
      resolve();
    });
  });
  worker.on('message', (message: { id: number; result: CheckpointResult }) => {
    waiting.get(message.id)?.resolve(message.result);
    waiting.delete(message.id);
  });
  return {
    checkpointNow() {
      if (stopping || failure) return Promise.reject(new Error('the SQLite checkpoint thread stopped'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ kind: 'now', id });
      });
    },
    stop() {
      if (!stopping) {
        stopping = true;
        worker.postMessage({ kind: 'stop' });
      }
      return exited;
    },
  };
}
