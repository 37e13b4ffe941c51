import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { drainRequest } from './drain-refused-body.js';

function request(headers: Record<string, string>): IncomingMessage {
  const raw = new IncomingMessage(new Socket());
  raw.headers = headers;
  return raw;
}

describe('drainRequest', () => {
  it('reads the rest of a body to its end', async () => {
    const raw = request({ 'content-length': '6' });
    const drained = drainRequest(raw, 1024, 60_000);
    raw.push(Buffer.from('abc'));
    raw.push(Buffer.from('def'));
    raw.push(null);
    await drained;
    expect(raw.readableEnded).toBe(true);
  });

  it('does not read a body declared larger than the limit', async () => {
    const raw = request({ 'content-length': '2048' });
    await drainRequest(raw, 1024, 60_000);
    expect(raw.readableFlowing).toBeNull();
  });

  it('stops once more than the limit arrived without a declared length', async () => {
    const raw = request({});
    const drained = drainRequest(raw, 4, 60_000);
    raw.push(Buffer.from('more than four'));
    await drained;
    // It stopped reading: its listeners are gone though the sender never ended the body.
    expect(raw.readableEnded).toBe(false);
    expect(raw.listenerCount('data')).toBe(0);
  });

  it('gives up on a sender that stalls', async () => {
    const raw = request({ 'content-length': '10' });
    raw.push(Buffer.from('ab'));
    vi.useFakeTimers();
    try {
      let done = false;
      const drained = drainRequest(raw, 1024, 15_000).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(14_999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await drained;
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    expect(raw.readableEnded).toBe(false);
    expect(raw.listenerCount('data')).toBe(0);
  });
});
