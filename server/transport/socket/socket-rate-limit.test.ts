import type { Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { createSocketRateLimiter } from './socket-rate-limit.js';

/** A stand-in socket that records the middleware and what it emitted. */
function fakeSocket() {
  const state = {
    middleware: undefined as undefined | ((packet: unknown[], next: () => void) => void),
    emitted: [] as unknown[][],
  };
  const socket = {
    use: (fn: typeof state.middleware) => (state.middleware = fn),
    emit: (...args: unknown[]) => state.emitted.push(args),
  } as unknown as Socket;
  /** Sends an event through the middleware; answers whether it reached the handlers. */
  const send = (packet: unknown[]) => {
    let passed = false;
    state.middleware!(packet, () => (passed = true));
    return passed;
  };
  return { socket, state, send };
}

describe('socket rate limiter', () => {
  it('lets a burst through, answers the excess rate-limited through its callback, and refills with time', () => {
    let now = 0;
    const limiter = createSocketRateLimiter({ limits: { perSocket: { burst: 2, perSecond: 1 }, perUser: { burst: 10, perSecond: 10 } }, now: () => now });
    const phone = fakeSocket();
    limiter.attach(phone.socket, 'ana');
    expect(phone.send(['page:read', { id: 'p1' }])).toBe(true);
    expect(phone.send(['page:read', { id: 'p2' }])).toBe(true);
    const answers: unknown[] = [];
    expect(phone.send(['page:read', { id: 'p3' }, (result: unknown) => answers.push(result)])).toBe(false);
    expect(answers).toEqual([{ ok: false, error: { code: 'rate-limited', message: 'too many events; try again in 1000 ms' } }]);
    now = 1_000;
    expect(phone.send(['page:read', { id: 'p3' }])).toBe(true);
  });

  it('tells a flood without callbacks once, and shares the per-person bucket across sockets', () => {
    const now = 0;
    const limiter = createSocketRateLimiter({ limits: { perSocket: { burst: 5, perSecond: 1 }, perUser: { burst: 6, perSecond: 1 } }, now: () => now });
    const first = fakeSocket();
    const second = fakeSocket();
    limiter.attach(first.socket, 'ana');
    limiter.attach(second.socket, 'ana');
    const passed = [...Array(20)].map((_, i) => (i % 2 ? second : first).send(['board:subscribe'])).filter(Boolean);
    expect(passed).toHaveLength(6);
    expect(first.state.emitted.length + second.state.emitted.length).toBe(2);
    expect(first.state.emitted[0]).toEqual(['command:refused', { event: 'board:subscribe', error: { code: 'rate-limited', message: 'too many events; try again in 1000 ms' } }]);
    expect(limiter.trackedPeople).toBe(1);
    limiter.detach('ana');
    expect(limiter.trackedPeople).toBe(1);
    limiter.detach('ana');
    expect(limiter.trackedPeople).toBe(0);
  });
});
