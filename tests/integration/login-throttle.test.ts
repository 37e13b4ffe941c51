import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFrom, type TimedAnswer } from '../support/http-from.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { writeTestConfig } from '../support/test-config.js';

const ATTACKER = '127.0.0.2';
const SPRAYER = '127.0.0.3';
const OFFICE = '127.0.0.1';

let relay: RelayProcess;

beforeAll(async () => {
  // Default throttle settings: 5 free attempts, 1 s doubling, lockout after 20.
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_LOG_LEVEL: 'warn' } });
}, 60_000);
afterAll(async () => {
  await relay?.dispose();
});

const login = (from: string, username: string, password: string) =>
  httpFrom(from, `${relay.url}/api/v1/auth/login`, { body: { username, password } });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs `count` calls of `fn`, at most `concurrency` at once. */
async function pool<T>(count: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await fn(i);
      }
    }),
  );
  return results;
}

describe('login throttling against a real relay process', () => {
  it('refuses a flood of wrong passwords before scrypt while another user keeps signing in', async () => {
    const good = async () => {
      const answer = await login(OFFICE, 'ann', 'change-me-ann');
      expect(answer.status).toBe(200);
      return answer.ms;
    };
    const baseline: number[] = [];
    for (let i = 0; i < 8; i++) baseline.push(await good());

    let flooding = true;
    const duringFlood: number[] = [];
    const goodLogins = (async () => {
      while (flooding) duringFlood.push(await good());
    })();
    const floodStarted = performance.now();
    const [oneUser, oneAddress] = await Promise.all([
      // One user's password guessed from one address...
      pool(300, 16, () => login(ATTACKER, 'cara', 'wrong-password')),
      // ...and one address spraying many names.
      pool(200, 16, (i) => login(SPRAYER, `user${i}@example.com`, 'wrong-password')),
    ]);
    const floodMs = performance.now() - floodStarted;
    flooding = false;
    await goodLogins;

    const count = (answers: TimedAnswer[], status: number) => answers.filter((a) => a.status === status).length;
    const figures = {
      floodRequests: oneUser.length + oneAddress.length,
      floodMs: Math.round(floodMs),
      oneUser: { checked401: count(oneUser, 401), refused429: count(oneUser, 429) },
      oneAddress: { checked401: count(oneAddress, 401), refused429: count(oneAddress, 429) },
      goodLoginMs: { baselineMedian: Math.round(median(baseline)), floodMedian: Math.round(median(duringFlood)), floodLogins: duringFlood.length },
    };
    console.info(`login flood figures: ${JSON.stringify(figures)}`);

    // Every refused attempt was answered before a password check: only the first wave (free attempts
    // plus what was already in flight) ran scrypt.
    expect(figures.oneUser.checked401 + figures.oneUser.refused429).toBe(300);
    expect(figures.oneUser.checked401).toBeLessThanOrEqual(5 + 16);
    expect(figures.oneAddress.checked401 + figures.oneAddress.refused429).toBe(200);
    expect(figures.oneAddress.checked401).toBeLessThanOrEqual(5 + 16);
    const refused = oneUser.find((a) => a.status === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body.error).toMatch(/too many failed logins/);

    // The good user signed in throughout and was never refused (each `good()` asserts its 200). How
    // fast is a figure for the log above, not an assertion: timings belong to benchmarks.
    expect(duringFlood.length).toBeGreaterThan(0);

    // The flooded user's own correct password is refused while the delay runs (the attacker's
    // address is throttled too), but from another address only the name's delay applies.
    const cara = await login(OFFICE, 'cara', 'change-me-cara');
    expect(cara.status).toBe(429);
  }, 120_000);
});
