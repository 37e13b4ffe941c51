import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LookupAddress } from 'node:dns';
import { startRecordingServer, type RecordingServer } from '../notify/testing/recording-server.js';
import { createAddressGuard } from './address-guard.js';
import { DestinationRefusedError, guardedLookup } from './guarded-lookup.js';
import { createOutboundFetch } from './outbound-fetch.js';

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createOutboundFetch', () => {
  it('refuses loopback without an allow-list before connecting, and logs the host only', async () => {
    server = await startRecordingServer(() => ({ status: 200 }));
    const debug = vi.fn();
    const fetch = createOutboundFetch({ log: { debug } });
    for (const url of [`${server.baseUrl}/x?token=secret`, `http://localhost:${new URL(server.baseUrl).port}/x`, `http://[::ffff:127.0.0.1]:${new URL(server.baseUrl).port}/`]) {
      await expect(fetch(url)).rejects.toBeInstanceOf(DestinationRefusedError);
    }
    expect(server.requests).toEqual([]);
    expect(JSON.stringify(debug.mock.calls)).not.toContain('secret');
    expect(debug).toHaveBeenCalledWith({ host: new URL(server.baseUrl).host, code: 'KLAXON_DESTINATION_REFUSED' }, 'outbound request failed');
  });

  it('sends method, headers and body to an allowed address and answers like fetch', async () => {
    server = await startRecordingServer(() => ({ status: 201, headers: { 'x-id': 'a1' }, body: { ok: 1 } }));
    const fetch = createOutboundFetch({ guard: createAddressGuard(['127.0.0.1/32']) });
    const answer = await fetch(`${server.baseUrl}/hook`, { method: 'POST', headers: { 'x-k': 'v' }, body: 'hello' });
    expect([answer.status, answer.headers.get('x-id'), await answer.json()]).toEqual([201, 'a1', { ok: 1 }]);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/hook', text: 'hello', headers: { 'x-k': 'v', 'content-length': '5' } });
  });

  it('follows no redirect, so a public service cannot bounce a request to an internal one', async () => {
    server = await startRecordingServer(() => ({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } }));
    const fetch = createOutboundFetch({ guard: createAddressGuard(['127.0.0.1/32']) });
    const answer = await fetch(`${server.baseUrl}/`);
    expect([answer.status, server.requests.length]).toEqual([302, 1]);
  });

  it('keeps at most maxBodyBytes of an answer', async () => {
    server = await startRecordingServer(() => ({ status: 200, body: 'x'.repeat(100_000) }));
    const fetch = createOutboundFetch({ guard: createAddressGuard(['127.0.0.1/32']), maxBodyBytes: 1000 });
    expect((await (await fetch(server.baseUrl)).text()).length).toBe(1000);
  });

  it('rejects with the timeout of the abort signal', async () => {
    server = await startRecordingServer(() => new Promise(() => undefined));
    const fetch = createOutboundFetch({ guard: createAddressGuard(['127.0.0.1/32']) });
    await expect(fetch(server.baseUrl, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('guardedLookup', () => {
  const resolveTo = (addresses: LookupAddress[]) =>
    ((_host: string, _options: unknown, callback: (error: null, addresses: LookupAddress[]) => void) => callback(null, addresses)) as never;

  it('refuses a name when any address it resolves to is forbidden (DNS rebinding answers with both)', async () => {
    const lookup = guardedLookup(createAddressGuard(), resolveTo([{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }]));
    const error = await new Promise((resolve) => lookup('rebind.example', { all: true }, (e) => resolve(e)));
    expect(error).toBeInstanceOf(DestinationRefusedError);
  });

  it('hands the checked address to the socket, in the shape the caller asked for', async () => {
    const lookup = guardedLookup(createAddressGuard(), resolveTo([{ address: '93.184.216.34', family: 4 }]));
    const one = await new Promise((resolve) => lookup('ok.example', {}, (e, address, family) => resolve([e, address, family])));
    expect(one).toEqual([null, '93.184.216.34', 4]);
    const all = await new Promise((resolve) => lookup('ok.example', { all: true }, (e, address) => resolve([e, address])));
    expect(all).toEqual([null, [{ address: '93.184.216.34', family: 4 }]]);
  });
});

describe('createOutboundFetch, a body cut off', () => {
  it('ends reading the body with an error when the connection drops mid-body, instead of waiting forever', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('partial');
      setTimeout(() => response.destroy(), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const fetch = createOutboundFetch({ guard: createAddressGuard(['127.0.0.1/32']) });
      const answer = await fetch(`http://127.0.0.1:${port}/`);
      await expect(answer.text()).rejects.toThrow();
    } finally {
      server.close();
    }
  });
});
