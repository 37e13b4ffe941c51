import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message a Teams webhook received. */
export interface TeamsPost {
  /** The webhook path, e.g. `/webhook/noc`: which channel it was. */
  path: string;
  body: { type: string; attachments: { contentType: string; content: Record<string, unknown> }[] };
  /** The card's text blocks and fact values, flattened, to assert on. */
  text: string;
}

/** A local stand-in for Teams incoming webhooks (Workflows): a real HTTP server that keeps what it is sent. */
export interface TeamsFake {
  readonly url: string;
  /** The webhook URL of a channel. */
  webhook(channel: string): string;
  readonly posts: TeamsPost[];
  /** Answers the next `count` posts with `status` (e.g. 503 to test retries). */
  failNext(count: number, status: number): void;
  waitFor(match: (post: TeamsPost) => boolean, timeoutMs: number): Promise<TeamsPost>;
  close(): Promise<void>;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/** Every string in a card (text blocks, fact titles and values, action titles and URLs), joined by newlines. */
function flatten(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => flatten(v, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => k !== '$schema' && k !== 'type' && flatten(v, out));
  return out;
}

/**
 * Starts the fake on 127.0.0.1: `POST /webhook/<channel>` takes a message with an Adaptive Card
 * attachment (as Teams does, it refuses a body that is not one with 400) and answers 202.
 */
export async function startTeamsFake(): Promise<TeamsFake> {
  const posts: TeamsPost[] = [];
  const waiters: { match: (p: TeamsPost) => boolean; resolve: (p: TeamsPost) => void }[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  const server: Server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      if (request.method !== 'POST' || !request.url?.startsWith('/webhook/')) return void response.writeHead(404).end();
      if (failures.count > 0) {
        failures = { ...failures, count: failures.count - 1 };
        return void response.writeHead(failures.status).end('{"error":"try later"}');
      }
      let body: TeamsPost['body'];
      try {
        body = JSON.parse(raw) as TeamsPost['body'];
      } catch {
        return void response.writeHead(400).end('not JSON');
      }
      const card = body?.attachments?.[0];
      if (body?.type !== 'message' || card?.contentType !== 'application/vnd.microsoft.card.adaptive' || card.content?.type !== 'AdaptiveCard') {
        return void response.writeHead(400).end('not an Adaptive Card message');
      }
      const post: TeamsPost = { path: request.url, body, text: flatten(card.content).join('\n') };
      posts.push(post);
      for (const w of [...waiters]) {
        if (w.match(post)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(post);
        }
      }
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    webhook: (channel) => `${url}/webhook/${channel}`,
    posts,
    failNext: (count, status) => {
      failures = { count, status };
    },
    waitFor: (match, timeoutMs) =>
      new Promise((resolve, reject) => {
        const found = posts.find(match);
        if (found) return resolve(found);
        const timer = setTimeout(() => reject(new Error(`no Teams post matched within ${timeoutMs} ms; got:\n${posts.map((p) => p.text).join('\n---\n')}`)), timeoutMs);
        waiters.push({ match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
