import type { Socket } from 'socket.io';
import type { CommandError } from '../../../shared/schemas/command.js';
import { fullBucket, takeToken, type Bucket, type BucketRule } from './token-bucket.js';

/** The event a socket gets when the relay drops one of its events that had no callback to answer. */
export const REFUSED_EVENT = 'command:refused';

/** How many events a socket, and a person over all their sockets, may send. */
export interface SocketRateLimits {
  perSocket: BucketRule;
  perUser: BucketRule;
}

/**
 * The default limits: a console sends a handful of commands a second at most (a bulk command carries
 * up to 500 incidents in one event), a phone fewer; a burst covers a reconnect's subscribe and replays.
 */
export const DEFAULT_SOCKET_RATE_LIMITS: SocketRateLimits = {
  perSocket: { burst: 40, perSecond: 20 },
  perUser: { burst: 100, perSecond: 40 },
};

/**
 * The limits for `perSecond` events per socket: a burst of twice that per socket; a person over all
 * their sockets twice the rate with a burst of five times it (the default is `socketRateLimits(20)`).
 */
export function socketRateLimits(perSecond: number): SocketRateLimits {
  return {
    perSocket: { burst: perSecond * 2, perSecond },
    perUser: { burst: perSecond * 5, perSecond: perSecond * 2 },
  };
}

/** Answers a refused event: through its callback when it has one, else with one `command:refused` event. */
export function refuseEvent(socket: Pick<Socket, 'emit'>, packet: unknown[], error: CommandError, warn: () => boolean): void {
  const ack = packet[packet.length - 1];
  if (typeof ack === 'function') {
    (ack as (result: unknown) => void)({ ok: false, error });
    return;
  }
  if (warn()) socket.emit(REFUSED_EVENT, { event: typeof packet[0] === 'string' ? packet[0].slice(0, 100) : '', error });
}

/**
 * Creates the per-socket and per-person rate limit of socket events (token buckets). `attach` puts it
 * on a socket as Socket.IO middleware (`socket.use`), `detach` forgets the socket when it leaves: an event over either limit is dropped at once,
 * never queued; its callback gets `{ok:false, error:{code:'rate-limited'}}`, and a run of dropped
 * events without callbacks gets a single `command:refused` event. `now` is a monotonic ms clock.
 */
export function createSocketRateLimiter(deps: { limits?: SocketRateLimits; now: () => number }) {
  const limits = deps.limits ?? DEFAULT_SOCKET_RATE_LIMITS;
  const people = new Map<string, { bucket: Bucket; sockets: number }>();
  return {
    /** Limits the events `socket` (signed in as `userId`) sends from now on. */
    attach(socket: Socket, userId: string): void {
      let own = fullBucket(limits.perSocket, deps.now());
      const person = people.get(userId) ?? { bucket: fullBucket(limits.perUser, deps.now()), sockets: 0 };
      people.set(userId, person);
      person.sockets += 1;
      // Only the first of a run of dropped events without a callback is told, so a flood gets one answer.
      let warned = false;
      socket.use((packet, next) => {
        const now = deps.now();
        const mine = takeToken(own, limits.perSocket, now);
        const theirs = mine.waitMs === 0 ? takeToken(person.bucket, limits.perUser, now) : undefined;
        if (theirs && theirs.waitMs === 0) {
          own = mine.bucket;
          person.bucket = theirs.bucket;
          warned = false;
          next();
          return;
        }
        const waitMs = Math.max(mine.waitMs, theirs?.waitMs ?? 0);
        const error: CommandError = { code: 'rate-limited', message: `too many events; try again in ${waitMs} ms` };
        refuseEvent(socket, packet, error, () => !warned && (warned = true));
      });
    },
    /**
     * Forgets a socket of `userId` that disconnected (the socket server calls it from its one
     * disconnect listener, so a socket costs no listener of the limiter's own).
     */
    detach(userId: string): void {
      const person = people.get(userId);
      if (!person) return;
      person.sockets -= 1;
      if (person.sockets === 0) people.delete(userId);
    },
    /** How many people have sockets under the limiter (for tests: nothing is kept after they leave). */
    get trackedPeople(): number {
      return people.size;
    },
  };
}

/** The socket rate limiter, as `createSocketRateLimiter` builds it. */
export type SocketRateLimiter = ReturnType<typeof createSocketRateLimiter>;
