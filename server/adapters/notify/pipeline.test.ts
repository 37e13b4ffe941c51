import { describe, expect, it } from 'vitest';
import type { ContactAddress, Notifier, SendResult } from '../../app/ports/notifier.js';
import { createContactRateLimit } from './contact-rate-limit.js';
import { createNotifierPipeline } from './pipeline.js';
import { fakeSleep, pageMessage } from './testing/page-message.js';

const contact: ContactAddress = { channel: 'webhook', target: 'https://hooks.example/ana', secret: 's'.repeat(16) };

/** A notifier whose sends answer with `results` in turn; it records sends and cancels. */
function fakeNotifier(results: SendResult[]) {
  const sends: string[] = [];
  const cancels: string[] = [];
  const notifier: Notifier = {
    channel: 'webhook',
    send: (_contact, message) => (sends.push(message.pageId), Promise.resolve(results[Math.min(sends.length - 1, results.length - 1)]!)),
    cancel: (receipt) => (cancels.push(receipt), Promise.resolve()),
  };
  return { notifier, sends, cancels };
}

describe('createNotifierPipeline', () => {
  it('retries a retryable failure and passes the channel and cancel through', async () => {
    const { sleep, waits } = fakeSleep();
    const { notifier, sends, cancels } = fakeNotifier([{ ok: false, retryable: true, error: '503' }, { ok: true, receipt: 'r' }]);
    const staged = createNotifierPipeline(notifier, { retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 2000, sleep, random: () => 0 } });
    expect(staged.channel).toBe('webhook');
    await expect(staged.send(contact, pageMessage())).resolves.toEqual({ ok: true, receipt: 'r' });
    await staged.cancel?.('r');
    expect({ sends: sends.length, waits, cancels }).toEqual({ sends: 2, waits: [100], cancels: ['r'] });
  });

  it("waits for the limiter's next token inside the retry budget, spending a token per real call", async () => {
    let t = 0;
    const { notifier, sends } = fakeNotifier([{ ok: true }]);
    const rateLimit = createContactRateLimit({ limit: 1, perMs: 1000, now: () => t });
    // The fake sleep moves the manual clock, as time would pass while waiting.
    const waits: number[] = [];
    const sleep = (ms: number) => (waits.push(ms), (t += ms), Promise.resolve());
    const staged = createNotifierPipeline(notifier, { rateLimit, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 5000, sleep } });
    await staged.send(contact, pageMessage({ pageId: 'a' }));
    await expect(staged.send(contact, pageMessage({ pageId: 'b' }))).resolves.toEqual({ ok: true });
    expect({ sends, waits }).toEqual({ sends: ['a', 'b'], waits: [1000] });
  });

  it('gives a rate-limited send back at once when the wait is beyond the retry budget', async () => {
    const { sleep, waits } = fakeSleep();
    const { notifier, sends } = fakeNotifier([{ ok: true }]);
    const rateLimit = createContactRateLimit({ limit: 1, perMs: 60_000, now: () => 0 });
    const staged = createNotifierPipeline(notifier, { rateLimit, retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 5000, sleep } });
    await staged.send(contact, pageMessage());
    const result = await staged.send(contact, pageMessage());
    expect(result).toMatchObject({ ok: false, retryable: true, error: 'rate limited' });
    expect({ sends: sends.length, waits }).toEqual({ sends: 1, waits: [] });
  });

  it('leaves cancel out when the notifier has none', () => {
    const staged = createNotifierPipeline({ channel: 'ntfy', send: () => Promise.resolve({ ok: true }) }, {});
    expect(staged.cancel).toBeUndefined();
  });
});
