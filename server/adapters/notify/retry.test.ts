import { describe, expect, it } from 'vitest';
import type { SendResult } from '../../app/ports/notifier.js';
import { backoffDelay, withRetry } from './retry.js';
import { fakeSleep } from './testing/page-message.js';

/** A send that answers with `results` in turn and counts its calls. */
function sequence(results: SendResult[]) {
  const calls: string[] = [];
  const send = (tag: string) => {
    calls.push(tag);
    return Promise.resolve(results[Math.min(calls.length - 1, results.length - 1)]!);
  };
  return { send, calls };
}

const retryable: SendResult = { ok: false, retryable: true, error: 'HTTP 503' };

describe('backoffDelay', () => {
  it('doubles from the base, caps at the maximum and jitters the upper half', () => {
    const options = { baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options, () => 0))).toEqual([500, 1000, 2000, 2500]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options, () => 0.999999))).toEqual([1000, 2000, 4000, 5000]);
  });
});

describe('withRetry', () => {
  it('retries retryable failures with growing jittered waits until one succeeds', async () => {
    const { sleep, waits } = fakeSleep();
    const { send, calls } = sequence([retryable, retryable, { ok: true, receipt: 'r1' }]);
    const retried = withRetry(send, { attempts: 5, baseDelayMs: 100, maxDelayMs: 10_000, sleep, random: () => 0.5 });
    await expect(retried('x')).resolves.toEqual({ ok: true, receipt: 'r1' });
    expect(calls).toEqual(['x', 'x', 'x']);
    expect(waits).toEqual([75, 150]);
  });

  it('gives up after the last attempt and returns the last failure', async () => {
    const { sleep, waits } = fakeSleep();
    const { send, calls } = sequence([retryable]);
    const retried = withRetry(send, { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000, sleep, random: () => 0 });
    await expect(retried('x')).resolves.toEqual(retryable);
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([50, 100]);
  });

  it('does not retry a non-retryable failure or a success', async () => {
    const { sleep, waits } = fakeSleep();
    const refused: SendResult = { ok: false, retryable: false, error: 'HTTP 401' };
    const first = sequence([refused]);
    await expect(withRetry(first.send, { attempts: 4, baseDelayMs: 1, maxDelayMs: 1, sleep })('x')).resolves.toEqual(refused);
    const second = sequence([{ ok: true }]);
    await withRetry(second.send, { attempts: 4, baseDelayMs: 1, maxDelayMs: 1, sleep })('x');
    expect([first.calls.length, second.calls.length, waits.length]).toEqual([1, 1, 0]);
  });

  it("waits as long as the service's Retry-After asks", async () => {
    const { sleep, waits } = fakeSleep();
    const { send } = sequence([{ ...retryable, retryAfterMs: 7000 } as SendResult, { ok: true }]);
    await withRetry(send, { attempts: 3, baseDelayMs: 100, maxDelayMs: 30_000, sleep, random: () => 0 })('x');
    expect(waits).toEqual([7000]);
  });

  it('returns at once when Retry-After is longer than the longest wait', async () => {
    const { sleep, waits } = fakeSleep();
    const limited = { ...retryable, retryAfterMs: 3_600_000 } as SendResult;
    const { send, calls } = sequence([limited, { ok: true }]);
    await expect(withRetry(send, { attempts: 3, baseDelayMs: 100, maxDelayMs: 30_000, sleep })('x')).resolves.toBe(limited);
    expect([calls.length, waits.length]).toEqual([1, 0]);
  });

  it('refuses options that make no sense', () => {
    const { sleep } = fakeSleep();
    const send = () => Promise.resolve<SendResult>({ ok: true });
    expect(() => withRetry(send, { attempts: 0, baseDelayMs: 1, maxDelayMs: 1, sleep })).toThrow(/attempts/);
    expect(() => withRetry(send, { attempts: 2, baseDelayMs: 10, maxDelayMs: 1, sleep })).toThrow(/baseDelayMs/);
  });
});
