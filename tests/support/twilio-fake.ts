import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/** An SMS the relay sent through the fake. */
export interface FakeMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | undefined;
}

/** A call the relay placed through the fake. */
export interface FakeCall {
  sid: string;
  to: string;
  from: string;
  /** Where the fake fetches the call's script (TwiML). */
  url: string;
  statusCallback: string | undefined;
  machineDetection: string | undefined;
}

/** An answer of the relay to a callback. */
export interface RelayAnswer {
  status: number;
  text: string;
}

/** A local Twilio-compatible REST API that records sends and calls the relay back with signed requests. */
export interface TwilioFake {
  /** The base URL to put in `channels.twilio.baseUrl`. */
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  readonly messages: FakeMessage[];
  readonly calls: FakeCall[];
  /** Requests refused for a wrong account or basic auth. */
  readonly refused: number;
  waitForMessage(match: (m: FakeMessage) => boolean, timeoutMs?: number): Promise<FakeMessage>;
  waitForCall(match: (c: FakeCall) => boolean, timeoutMs?: number): Promise<FakeCall>;
  /** POSTs a form to the relay, signed as the provider signs it (by the official `twilio` package), or with `signature`. */
  callback(url: string, params: Record<string, string>, signature?: string): Promise<RelayAnswer>;
  /** A person texts `body` from `from` to the relay's inbound SMS URL. */
  sendSms(relaySmsUrl: string, from: string, body: string): Promise<RelayAnswer>;
  /**
   * Answers a call as a person (or a machine) would: fetches its script, and when it gathers a key
   * and `digits` is given, presses it on the gather action; then reports the call completed with
   * `durationSeconds`. Answers the TwiML documents the relay returned.
   */
  answerCall(call: FakeCall, options: { answeredBy?: string; digits?: string; durationSeconds?: number }): Promise<string[]>;
  /** Reports a call that nobody took (`no-answer`, `busy`) on its status callback. */
  missCall(call: FakeCall, status: 'no-answer' | 'busy'): Promise<RelayAnswer>;
  /** Reports what became of a message (`delivered`, `undelivered`, `failed`…) on its status callback. */
  reportMessage(message: FakeMessage, status: string, errorCode?: string): Promise<RelayAnswer>;
  close(): Promise<void>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The `action` of a TwiML `<Gather>`, unescaped, or undefined. */
export function gatherAction(twiml: string): string | undefined {
  return /<Gather[^>]*\saction="([^"]+)"/.exec(twiml)?.[1]?.replaceAll('&amp;', '&');
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startTwilioFake(): Promise<TwilioFake> {
  const accountSid = `AC${hex(16)}`;
  const authToken = hex(16);
  const messages: FakeMessage[] = [];
  const calls: FakeCall[] = [];
  let refused = 0;
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  const basic = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  const server: Server = createServer((request, response) => {
    void (async () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const match = /^\/2010-04-01\/Accounts\/([^/]+)\/(Messages|Calls)\.json$/.exec(request.url ?? '');
      if (request.method !== 'POST' || !match) return answer(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      if (match[1] !== accountSid || request.headers.authorization !== basic) {
        refused++;
        return answer(401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      const form = await formOf(request);
      const to = form.get('To') ?? '';
      if (!/^\+[1-9]\d{6,14}$/.test(to)) return answer(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
      if (match[2] === 'Messages') {
        const body = form.get('Body') ?? '';
        const message: FakeMessage = { sid: `SM${hex(16)}`, to, from: form.get('From') ?? '', body, statusCallback: form.get('StatusCallback') ?? undefined };
        messages.push(message);
        notify();
        // GSM-7 segments of 153 characters once a message needs more than one (UCS-2 is not modelled).
        const segments = body.length <= 160 ? 1 : Math.ceil(body.length / 153);
        return answer(201, { sid: message.sid, status: 'queued', num_segments: String(segments), to, from: message.from });
      }
      const call: FakeCall = {
        sid: `CA${hex(16)}`,
        to,
        from: form.get('From') ?? '',
        url: form.get('Url') ?? '',
        statusCallback: form.get('StatusCallback') ?? undefined,
        machineDetection: form.get('MachineDetection') ?? undefined,
      };
      calls.push(call);
      notify();
      return answer(201, { sid: call.sid, status: 'queued', to, from: call.from });
    })().catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor = <T>(list: T[], match: (item: T) => boolean, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = list.find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`twilio fake: nothing matched within ${timeoutMs} ms (${list.length} recorded)`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const callback = async (url: string, params: Record<string, string>, signature?: string): Promise<RelayAnswer> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature ?? twilio.getExpectedTwilioSignature(authToken, url, params) },
      body: new URLSearchParams(params),
    });
    return { status: response.status, text: await response.text() };
  };

  const callParams = (call: FakeCall, extra: Record<string, string>) => ({
    AccountSid: accountSid,
    CallSid: call.sid,
    From: call.from,
    To: call.to,
    Direction: 'outbound-api',
    ApiVersion: '2010-04-01',
    ...extra,
  });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    calls,
    get refused() {
      return refused;
    },
    waitForMessage: (match, timeoutMs = 20_000) => waitFor(messages, match, timeoutMs),
    waitForCall: (match, timeoutMs = 20_000) => waitFor(calls, match, timeoutMs),
    callback,
    sendSms: (relaySmsUrl, from, body) =>
      callback(relaySmsUrl, { AccountSid: accountSid, MessageSid: `SM${hex(16)}`, From: from, To: '+15005550006', Body: body, NumMedia: '0', NumSegments: '1', ApiVersion: '2010-04-01' }),
    async answerCall(call, options) {
      const answeredBy = options.answeredBy ?? 'human';
      const documents: string[] = [];
      const script = await callback(call.url, callParams(call, { CallStatus: 'in-progress', AnsweredBy: answeredBy }));
      if (script.status !== 200) throw new Error(`twilio fake: the call script answered ${script.status}: ${script.text}`);
      documents.push(script.text);
      const action = gatherAction(script.text);
      if (action && options.digits !== undefined) {
        const pressed = await callback(action, callParams(call, { CallStatus: 'in-progress', Digits: options.digits, FinishedOnKey: '' }));
        if (pressed.status !== 200) throw new Error(`twilio fake: the gather action answered ${pressed.status}: ${pressed.text}`);
        documents.push(pressed.text);
      }
      if (call.statusCallback) {
        await callback(call.statusCallback, callParams(call, { CallStatus: 'completed', AnsweredBy: answeredBy, CallDuration: String(options.durationSeconds ?? 42) }));
      }
      return documents;
    },
    missCall: (call, status) => callback(call.statusCallback ?? '', callParams(call, { CallStatus: status })),
    reportMessage: (message, status, errorCode) =>
      callback(message.statusCallback ?? '', {
        AccountSid: accountSid,
        MessageSid: message.sid,
        MessageStatus: status,
        To: message.to,
        From: message.from,
        ApiVersion: '2010-04-01',
        ...(errorCode ? { ErrorCode: errorCode } : {}),
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
