import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
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
    expect(raw.readableEnded).toBe(false);
  });

  it('gives up on a sender that stalls', async () => {
    const raw = request({ 'content-length': '10' });
    raw.push(Buffer.from('ab'));
    await drainRequest(raw, 1024, 20);
    expect(raw.readableEnded).toBe(false);
  });
});
