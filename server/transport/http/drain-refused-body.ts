import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** The most of a refused body the relay reads to let its sender finish; past it the connection closes. */
export const DRAIN_LIMIT = 16 * 1024 * 1024;
/** How long the relay waits for a refused body's sender to finish. */
export const DRAIN_TIMEOUT_MS = 15_000;

/**
 * Answers to requests refused before their body was read (too large, no token, unknown route) wait
 * until the sender has finished sending, discarding the bytes. Answering at once and closing resets
 * the connection under a sender still writing, and most HTTP clients then report EPIPE or ECONNRESET
 * instead of the 413 or 401 they were sent: a monitoring tool would retry a body it can never send
 * instead of logging why. Bodies declared larger than `limit` are not read: the connection closes.
 */
export function installRefusedBodyDrain(app: FastifyInstance, limit = DRAIN_LIMIT, timeoutMs = DRAIN_TIMEOUT_MS): void {
  app.addHook('onSend', async (request, reply) => {
    if (reply.statusCode < 400) return;
    await drainRequest(request.raw, limit, timeoutMs);
  });
}

/** Reads and discards what is left of `raw`'s body, up to `limit` bytes or `timeoutMs`. */
export function drainRequest(raw: IncomingMessage, limit: number, timeoutMs: number): Promise<void> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
  const declared = Number(raw.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (): void => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('error', finish);
      raw.off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer): void => {
      seen += chunk.length;
      if (seen > limit) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    raw.on('data', onData);
    raw.once('end', finish);
    raw.once('error', finish);
    raw.once('close', finish);
    raw.resume();
  });
}
