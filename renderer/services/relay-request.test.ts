import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fileNameOf, relayDownload, relayGetJson, RelayRequestError, relaySendJson } from './relay-request.js';

const auth = { relayUrl: 'http://relay', token: 'tok' };

function answering(response: () => Response) {
  const seen: { url: string; headers: Record<string, string> }[] = [];
  const fetchImpl = (async (input: string, init: RequestInit = {}) => {
    seen.push({ url: String(input), headers: init.headers as Record<string, string> });
    return response();
  }) as typeof fetch;
  return { seen, fetchImpl };
}

async function failure(promise: Promise<unknown>): Promise<RelayRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RelayRequestError);
  return error as RelayRequestError;
}

describe('relayGetJson', () => {
  it('sends the token and checks the answer with the schema', async () => {
    const relay = answering(() => Response.json({ n: 3 }));
    expect(await relayGetJson(auth, '/api/v1/x?a=1', z.object({ n: z.number() }), { fetchImpl: relay.fetchImpl })).toEqual({ n: 3 });
    expect(relay.seen[0]).toEqual({ url: 'http://relay/api/v1/x?a=1', headers: { accept: 'application/json', authorization: 'Bearer tok' } });
  });

  it("shows the relay's own refusal, with the field it names", async () => {
    const relay = answering(() => Response.json({ error: 'to: from must be before to', field: 'to' }, { status: 400 }));
    const error = await failure(relayGetJson(auth, '/x', z.unknown(), { fetchImpl: relay.fetchImpl }));
    expect(error).toMatchObject({ status: 400, message: 'to: from must be before to', field: 'to' });
  });

  it('phrases a refusal without a body, an unreachable relay and an answer it does not understand', async () => {
    const forbidden = answering(() => new Response('nope', { status: 403 }));
    expect((await failure(relayGetJson(auth, '/x', z.unknown(), { fetchImpl: forbidden.fetchImpl }))).message).toBe('Your role may not see this');
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect(await failure(relayGetJson(auth, '/x', z.unknown(), { fetchImpl: down }))).toMatchObject({ status: 0, message: 'The relay at http://relay is unreachable' });
    const odd = answering(() => Response.json({ n: 'three' }));
    expect((await failure(relayGetJson(auth, '/x', z.object({ n: z.number() }), { fetchImpl: odd.fetchImpl }))).message).toBe(
      'The relay sent an answer this console does not understand (n)',
    );
  });
});

describe('relayDownload', () => {
  it("keeps the file's bytes and the name the relay gave it", async () => {
    const relay = answering(() => new Response('a,b\r\n', { headers: { 'content-disposition': 'attachment; filename="klaxon-report-2026-11-01.csv"' } }));
    const file = await relayDownload(auth, '/r.csv', 'fallback.csv', { fetchImpl: relay.fetchImpl });
    expect(file.fileName).toBe('klaxon-report-2026-11-01.csv');
    expect(await file.blob.text()).toBe('a,b\r\n');
    expect(relay.seen[0]!.headers.authorization).toBe('Bearer tok');
  });

  it('reads plain and encoded file names', () => {
    expect(fileNameOf('attachment; filename="../../etc/x.csv"')).toBe('../../etc/x.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.csv")).toBe('résumé.csv');
    expect(fileNameOf(null)).toBeUndefined();
  });

  it('strips folders from the name', async () => {
    const relay = answering(() => new Response('x', { headers: { 'content-disposition': 'attachment; filename="../../etc/x.csv"' } }));
    expect((await relayDownload(auth, '/r.csv', 'f.csv', { fetchImpl: relay.fetchImpl })).fileName).toBe('x.csv');
  });
});

describe('relaySendJson', () => {
  it('sends the method and the JSON body with the token, and checks the answer', async () => {
    const calls: { method?: string; body?: unknown; headers: Record<string, string> }[] = [];
    const fetchImpl = (async (_input: string, init: RequestInit = {}) => {
      calls.push({ method: init.method, body: init.body, headers: init.headers as Record<string, string> });
      return Response.json({ ok: true });
    }) as typeof fetch;
    expect(await relaySendJson(auth, 'PATCH', '/x', { field: 'summary' }, z.object({ ok: z.boolean() }), { fetchImpl })).toEqual({ ok: true });
    expect(calls[0]).toEqual({
      method: 'PATCH',
      body: '{"field":"summary"}',
      headers: { accept: 'application/json', authorization: 'Bearer tok', 'content-type': 'application/json' },
    });
  });

  it('with no schema, only checks that the relay accepted, and shows its refusal', async () => {
    const refused = answering(() => Response.json({ error: 'unanswered questions: trigger' }, { status: 409 }));
    const error = await failure(relaySendJson(auth, 'POST', '/x', {}, null, { fetchImpl: refused.fetchImpl }));
    expect(error).toMatchObject({ status: 409, message: 'unanswered questions: trigger' });
    const accepted = answering(() => new Response(null, { status: 204 }));
    expect(await relaySendJson(auth, 'POST', '/x', {}, null, { fetchImpl: accepted.fetchImpl })).toBeUndefined();
  });
});
