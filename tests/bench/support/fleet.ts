import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import vm from 'node:vm';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { Server, type Socket } from 'socket.io';

/** Now in ms on a clock shared by every thread of the process. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

/** The main thread's heap in use after a full collection, in bytes. */
export function settledHeap(): number {
  for (let i = 0; i < 3; i++) collect();
  return process.memoryUsage().heapUsed;
}

/** A fleet of simulated phones on a worker thread. */
export interface Fleet {
  /** When each phone got the page whose summary is `key` (first copy of each page id). */
  arrivals(key: string): number[];
  /** How long each `page:read` took to be answered. */
  readonly reads: number[];
  /** Resolves once `count` phones have the page `key`, or after `timeoutMs`, whichever is first. */
  waitFor(key: string, count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Connects one socket per token (null = no auth) to `url` from a worker thread and waits until all are connected. */
export async function startFleet(url: string, tokens: (string | null)[], readAfterMs: number | null): Promise<Fleet> {
  const worker = new Worker(new URL('./fleet-worker.mjs', import.meta.url));
  const got = new Map<string, number[]>();
  const reads: number[] = [];
  const waiters = new Set<() => void>();
  worker.on('message', (message: { type: string; key?: string; at?: number; ms?: number }) => {
    if (message.type === 'page') {
      const list = got.get(message.key!) ?? [];
      got.set(message.key!, list);
      list.push(message.at!);
      waiters.forEach((wake) => wake());
    } else if (message.type === 'read') reads.push(message.ms!);
  });
  const reply = (type: string) => new Promise<void>((resolve, reject) => {
    const listen = (message: { type: string }) => {
      if (message.type !== type) return;
      worker.off('message', listen);
      resolve();
    };
    worker.on('message', listen);
    worker.once('error', reject);
  });
  const connected = reply('connected');
  worker.postMessage({ type: 'connect', url, tokens, readAfterMs });
  await connected;
  return {
    arrivals: (key) => got.get(key) ?? [],
    reads,
    waitFor(key, count, timeoutMs) {
      return new Promise((resolve) => {
        const done = () => {
          if ((got.get(key)?.length ?? 0) < count) return;
          waiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(done);
          resolve();
        }, timeoutMs);
        waiters.add(done);
        done();
      });
    },
    async close() {
      const closed = reply('closed');
      worker.postMessage({ type: 'close' });
      await closed;
      await worker.terminate();
    },
  };
}

/** The bare baseline: plain Socket.IO on `/device`, no auth, no store; emits a page to each socket. */
export interface BareServer {
  readonly url: string;
  /** Emits one `page` event (with an acknowledgement, as Klaxon's) to every connected socket, one emit per socket. */
  emitToAll(key: string): void;
  close(): Promise<void>;
}

/** Starts the bare Socket.IO server on a free port. */
export async function startBareServer(): Promise<BareServer> {
  const http = createServer();
  const io = new Server(http);
  const sockets: Socket[] = [];
  io.of('/device').on('connection', (socket) => {
    sockets.push(socket);
    socket.on('disconnect', () => sockets.splice(sockets.indexOf(socket), 1));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  let n = 0;
  return {
    url: `http://127.0.0.1:${port}/device`,
    emitToAll(key) {
      n += 1;
      const push = { incidentId: `bare-${n}`, summary: key, priority: 'high', serviceName: 'Bare', createdAt: new Date().toISOString(), attempt: 1 };
      for (const socket of sockets) socket.timeout(15_000).emit('page', { ...push, id: `bare-${n}/${socket.id}` }, () => {});
    },
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

/** The value below which `p` percent of the samples fall (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The median of a few numbers. */
export function median(values: number[]): number {
  return percentile(values, 50);
}
