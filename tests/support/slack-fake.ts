import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One message the bot posted, as it stands now (updates applied). */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Record<string, unknown>[];
  /** How many `chat.update`s it had. */
  updates: number;
  /** The `ts` of the message whose thread it replies in, if it is a reply. */
  threadTs?: string;
}

/** One ephemeral message (only `user` sees it). */
export interface FakeEphemeral {
  channel: string;
  user: string;
  text: string;
}

/** Every Web API call the fake answered, in order (method and parsed arguments, never the token). */
export interface FakeSlackCall {
  method: string;
  args: Record<string, unknown>;
}

/** A local stand-in for Slack: a Web API subset over HTTP and Socket Mode over a WebSocket. */
export interface SlackFake {
  /** The Web API base URL to give the relay (`http://127.0.0.1:<port>/api/`). */
  readonly apiUrl: string;
  readonly calls: FakeSlackCall[];
  readonly messages: FakeSlackMessage[];
  readonly ephemerals: FakeEphemeral[];
  /** Resolves once a Socket Mode client is connected (and was sent `hello`). */
  connected(timeoutMs?: number): Promise<void>;
  /**
   * Sends an `interactive` envelope (a `block_actions` payload for a press of `actionId` with
   * `value` by `user` in `channel`) and resolves with the client's acknowledgement payload.
   */
  press(user: string, actionId: string, value: string, channel?: string): Promise<Record<string, unknown>>;
  /** Sends a `slash_commands` envelope for `/klaxon <text>` and resolves with the acknowledgement's payload (the answer). */
  slashCommand(user: string, text: string, channel?: string): Promise<Record<string, unknown>>;
  /** The block_actions payload `press` sends, for the request URL tests. */
  blockActions(user: string, actionId: string, value: string, channel?: string): Record<string, unknown>;
  close(): Promise<void>;
}

/** The workspace the fake answers as. */
export const FAKE_TEAM = { id: 'T0KLAXON', name: 'Klaxon MSP' } as const;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The form fields the Web API client sends as JSON text. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

/** Parses a Web API call's arguments: form fields (JSON-valued ones like `blocks` decoded) or a JSON body. */
function argsOf(request: IncomingMessage, body: string): Record<string, unknown> {
  if ((request.headers['content-type'] ?? '').includes('application/json')) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    args[name] = JSON_FIELDS.has(name) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * Starts the fake on a free port. Web API: `auth.test`, `apps.connections.open` (answers the fake's
 * own `ws://` URL; needs the app token), `chat.postMessage`, `chat.update`, `chat.postEphemeral`,
 * `conversations.open` (the bot token) — `{ ok: false, error: 'invalid_auth' }` for a wrong token.
 * Socket Mode: says `hello` on connect, pings every 5 s, and matches acknowledgements to envelopes.
 */
export async function startSlackFake(tokens: { bot: string; app: string }): Promise<SlackFake> {
  const calls: FakeSlackCall[] = [];
  const messages: FakeSlackMessage[] = [];
  const ephemerals: FakeEphemeral[] = [];
  const acks = new Map<string, (payload: Record<string, unknown>) => void>();
  let socket: WebSocket | undefined;
  let onConnected: (() => void)[] = [];
  let clock = 1_764_500_000;
  let port = 0;

  const answer = (response: ServerResponse, body: Record<string, unknown>) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  const methods: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
    'auth.test': () => ({ ok: true, team: FAKE_TEAM.name, team_id: FAKE_TEAM.id, user_id: 'UKLAXONBOT', bot_id: 'BKLAXON' }),
    'apps.connections.open': () => ({ ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}` }),
    'chat.postMessage': (args) => {
      const ts = `${clock++}.000100`;
      const message = {
        channel: String(args.channel),
        ts,
        text: String(args.text ?? ''),
        blocks: (args.blocks as Record<string, unknown>[]) ?? [],
        updates: 0,
        ...(args.thread_ts ? { threadTs: String(args.thread_ts) } : {}),
      };
      messages.push(message);
      return { ok: true, channel: message.channel, ts, message: { text: message.text } };
    },
    'chat.update': (args) => {
      const message = messages.find((m) => m.channel === args.channel && m.ts === args.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      Object.assign(message, { text: String(args.text ?? ''), blocks: (args.blocks as Record<string, unknown>[]) ?? [], updates: message.updates + 1 });
      return { ok: true, channel: message.channel, ts: message.ts };
    },
    'chat.postEphemeral': (args) => {
      ephemerals.push({ channel: String(args.channel), user: String(args.user), text: String(args.text ?? '') });
      return { ok: true, message_ts: `${clock++}.000200` };
    },
    'conversations.open': (args) => ({ ok: true, channel: { id: `D${String(args.users)}` } }),
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const method = (request.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
      const handler = methods[method];
      if (!handler) return answer(response, { ok: false, error: 'unknown_method' });
      const expected = method === 'apps.connections.open' ? tokens.app : tokens.bot;
      if (request.headers.authorization !== `Bearer ${expected}`) return answer(response, { ok: false, error: 'invalid_auth' });
      const args = argsOf(request, body);
      calls.push({ method, args });
      answer(response, handler(args));
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  const wss = new WebSocketServer({ server, path: '/link/' });
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      const settle = frame.envelope_id ? acks.get(frame.envelope_id) : undefined;
      if (settle) {
        acks.delete(frame.envelope_id!);
        settle(frame.payload ?? {});
      }
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'AKLAXON' } }));
    const ping = setInterval(() => ws.ping(), 5_000);
    ping.unref();
    ws.on('close', () => clearInterval(ping));
    const waiting = onConnected;
    onConnected = [];
    waiting.forEach((resolve) => resolve());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const envelope = (type: string, payload: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      if (!socket || socket.readyState !== socket.OPEN) return reject(new Error('no Socket Mode client is connected'));
      const id = randomUUID();
      const timer = setTimeout(() => reject(new Error(`no acknowledgement of ${type} ${id}`)), 5_000);
      acks.set(id, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      socket.send(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: type !== 'interactive' }));
    });

  const blockActions = (user: string, actionId: string, value: string, channel = 'C0NOC') => ({
    type: 'block_actions',
    user: { id: user, team_id: FAKE_TEAM.id },
    team: { id: FAKE_TEAM.id },
    channel: { id: channel },
    container: { type: 'message', channel_id: channel },
    actions: [{ type: 'button', action_id: actionId, value, block_id: 'b' }],
  });

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    messages,
    ephemerals,
    connected(timeoutMs = 10_000) {
      if (socket?.readyState === 1) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no Socket Mode client connected in time')), timeoutMs);
        onConnected.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    press: (user, actionId, value, channel) => envelope('interactive', blockActions(user, actionId, value, channel)),
    slashCommand: (user, text, channel = 'C0NOC') =>
      envelope('slash_commands', { command: '/klaxon', text, user_id: user, team_id: FAKE_TEAM.id, channel_id: channel, response_url: 'http://127.0.0.1/none' }),
    blockActions,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
