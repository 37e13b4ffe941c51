import { afterEach, describe, expect, it } from 'vitest';
import { createAddressGuard } from '../outbound/address-guard.js';
import { createOutboundFetch } from '../outbound/outbound-fetch.js';
import type { ContactAddress } from '../../app/ports/notifier.js';
import { createNtfyNotifier, renderNtfyPublish, splitTopicUrl } from './ntfy.js';
import { createNotifierPipeline } from './pipeline.js';
import { fakeSleep, pageMessage } from './testing/page-message.js';
import { scripted, startRecordingServer, type Handler, type RecordingServer } from './testing/recording-server.js';

// The test services listen on loopback, which the relay's outbound fetch reaches only when allowed.
const fetch = createOutboundFetch({ guard: createAddressGuard(['127.0.0.1/32']) });

/**
 * A small ntfy server: JSON publishing at the root (`POST /` with `{topic, …}`), the topic `locked`
 * needs `Authorization: Bearer tk_right`, errors are `{code, http, error}` as ntfy answers them.
 */
const ntfyServer: Handler = (request) => {
  if (request.method !== 'POST' || request.path !== '/') return { status: 404, body: { code: 40401, http: 404, error: 'page not found' } };
  const published = JSON.parse(request.text) as { topic: string; message: string };
  if (published.topic === 'locked' && request.headers.authorization !== 'Bearer tk_right') {
    return { status: 403, body: { code: 40301, http: 403, error: 'forbidden', link: 'https://ntfy.sh/docs/publish/#authentication' } };
  }
  return { status: 200, body: { id: `msg${published.topic}`, time: 1_700_000_000, event: 'message', topic: published.topic, message: published.message } };
};

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});


describe('splitTopicUrl', () => {
  it('splits a topic URL into the server base and the topic, also under a sub-path', () => {
    expect(splitTopicUrl('https://ntfy.sh/klaxon-ana')).toEqual({ baseUrl: 'https://ntfy.sh/', topic: 'klaxon-ana' });
    expect(splitTopicUrl('http://10.0.0.5:8080/ntfy/ops_1')).toEqual({ baseUrl: 'http://10.0.0.5:8080/ntfy/', topic: 'ops_1' });
    expect(splitTopicUrl('https://ntfy.sh/')).toBeUndefined();
    expect(splitTopicUrl('ftp://ntfy.sh/a')).toBeUndefined();
    expect(splitTopicUrl('not a url')).toBeUndefined();
  });
});

describe('renderNtfyPublish', () => {
  it('maps priorities 5/4/3 and makes relative page URLs absolute against the public URL', () => {
    const rendered = renderNtfyPublish('t', pageMessage({ priority: 'low', openUrl: '/m/p/1', attempt: 3 }), 'https://klaxon.example/');
    expect(rendered).toMatchObject({ priority: 3, tags: ['information_source'], click: 'https://klaxon.example/m/p/1', title: 'LOW · Database (repeat 3)' });
    expect(renderNtfyPublish('t', pageMessage({ priority: 'medium' }), 'https://k.example/').priority).toBe(4);
  });
});

describe('createNtfyNotifier against a local ntfy server', () => {
  it('publishes JSON with priority 5, Read and Acknowledge http actions and the click URL', async () => {
    server = await startRecordingServer(ntfyServer);
    const ntfy = createNtfyNotifier({ fetch, publicUrl: 'https://klaxon.example/' });
    const message = pageMessage();
    const result = await ntfy.send({ channel: 'ntfy', target: `${server.baseUrl}/klaxon-ana` }, message);

    expect(result).toEqual({ ok: true, receipt: 'msgklaxon-ana' });
    const [request] = server.requests;
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBeUndefined();
    expect(JSON.parse(request!.text)).toEqual({
      topic: 'klaxon-ana',
      title: 'HIGH · Database',
      message: 'db-01 disk full on /var',
      priority: 5,
      tags: ['rotating_light'],
      click: message.openUrl,
      actions: [
        { action: 'http', label: 'Read', url: message.actions.read, method: 'POST', clear: true },
        { action: 'http', label: 'Acknowledge', url: message.actions.acknowledge, method: 'POST', clear: true },
      ],
    });
  });

  it('sends the access token as a bearer token', async () => {
    server = await startRecordingServer(ntfyServer);
    const ntfy = createNtfyNotifier({ fetch, publicUrl: 'https://klaxon.example/' });
    const result = await ntfy.send({ channel: 'ntfy', target: `${server.baseUrl}/locked`, secret: 'tk_right' }, pageMessage());
    expect(result).toEqual({ ok: true, receipt: 'msglocked' });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer tk_right');
  });

  it("answers a refused token as not retryable with ntfy's error text", async () => {
    server = await startRecordingServer(ntfyServer);
    const ntfy = createNtfyNotifier({ fetch, publicUrl: 'https://klaxon.example/' });
    const result = await ntfy.send({ channel: 'ntfy', target: `${server.baseUrl}/locked`, secret: 'tk_wrong' }, pageMessage());
    expect(result).toEqual({ ok: false, retryable: false, error: 'ntfy 403 (40301)' });
  });

  it('answers a 401 JSON error as not retryable', async () => {
    server = await startRecordingServer(scripted([{ status: 401, body: { code: 40101, http: 401, error: 'unauthorized' } }], ntfyServer));
    const ntfy = createNtfyNotifier({ fetch, publicUrl: 'https://klaxon.example/' });
    const result = await ntfy.send({ channel: 'ntfy', target: `${server.baseUrl}/ops`, secret: 'tk_x' }, pageMessage());
    expect(result).toEqual({ ok: false, retryable: false, error: 'ntfy 401 (40101)' });
  });

  it('retries a 429 after its Retry-After and then succeeds', async () => {
    server = await startRecordingServer(
      scripted([{ status: 429, headers: { 'retry-after': '2' }, body: { code: 42901, http: 429, error: 'limit reached: too many requests' } }], ntfyServer),
    );
    const { sleep, waits } = fakeSleep();
    const ntfy = createNotifierPipeline(createNtfyNotifier({ fetch, publicUrl: 'https://klaxon.example/' }), {
      retry: { attempts: 3, baseDelayMs: 500, maxDelayMs: 10_000, sleep },
    });
    const result = await ntfy.send({ channel: 'ntfy', target: `${server.baseUrl}/ops` }, pageMessage());
    expect(result).toEqual({ ok: true, receipt: 'msgops' });
    expect(waits).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
  });

  it('answers a 500 as retryable, with the Retry-After it names', async () => {
    server = await startRecordingServer(() => ({ status: 500, headers: { 'retry-after': '30' }, body: { code: 50001, http: 500, error: 'internal server error' } }));
    const ntfy = createNtfyNotifier({ fetch, publicUrl: 'https://klaxon.example/' });
    const result = await ntfy.send({ channel: 'ntfy', target: `${server.baseUrl}/ops` }, pageMessage());
    expect(result).toEqual({ ok: false, retryable: true, error: 'ntfy 500 (50001)', retryAfterMs: 30_000 });
  });

  it('answers a 404 with a non-JSON body as not retryable, without echoing the body', async () => {
    server = await startRecordingServer(() => ({ status: 404, body: '<html>no ntfy here</html>' }));
    const ntfy = createNtfyNotifier({ fetch, publicUrl: 'https://klaxon.example/' });
    const result = await ntfy.send({ channel: 'ntfy', target: `${server.baseUrl}/ops` }, pageMessage());
    expect(result).toEqual({ ok: false, retryable: false, error: 'ntfy 404' });
  });

  it('answers an unreachable server as retryable and a bad topic URL as not, without throwing', async () => {
    server = await startRecordingServer(ntfyServer);
    const closedUrl = server.baseUrl;
    await server.close();
    server = undefined;
    const ntfy = createNtfyNotifier({ fetch, publicUrl: 'https://klaxon.example/' });
    const unreachable: ContactAddress = { channel: 'ntfy', target: `${closedUrl}/ops` };
    await expect(ntfy.send(unreachable, pageMessage())).resolves.toMatchObject({ ok: false, retryable: true, error: 'could not deliver: the destination did not answer' });
    await expect(ntfy.send({ channel: 'ntfy', target: 'mailto:x' }, pageMessage())).resolves.toMatchObject({ ok: false, retryable: false });
  });

  it('refuses a relative public URL at creation', () => {
    expect(() => createNtfyNotifier({ fetch, publicUrl: '/relay' })).toThrow(/publicUrl/);
  });
});
