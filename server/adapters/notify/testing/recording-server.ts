import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test server received, as the service under imitation would see it. */
export interface RecordedRequest {
  method: string;
  /** The path and query, e.g. `/1/receipts/abc.json?token=…`. */
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** The answer a test server gives; an object body is sent as JSON. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

/** Decides a test server's answer to one request. */
export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

/** A real HTTP server on 127.0.0.1 and an ephemeral port that records what it receives. */
export interface RecordingServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a recording server whose answers come from `handler`; tests close it afterwards. */
export async function startRecordingServer(handler: Handler): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let baseUrl = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        url: new URL(path, baseUrl),
        headers: req.headers,
        body,
        text: body.toString('utf8'),
      };
      requests.push(recorded);
      Promise.resolve()
        .then(() => handler(recorded))
        .then(
          (reply) => {
            const isJson = reply.body !== undefined && typeof reply.body === 'object' && !Buffer.isBuffer(reply.body);
            const payload = isJson ? JSON.stringify(reply.body) : (reply.body ?? '');
            res.writeHead(reply.status, { ...(isJson ? { 'content-type': 'application/json' } : {}), ...reply.headers });
            res.end(payload);
          },
          (error: unknown) => {
            res.writeHead(599);
            res.end(String(error));
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Answers with the replies of `script` in turn, then with `fallback` for every later request. */
export function scripted(script: Reply[], fallback: Handler): Handler {
  const queue = [...script];
  return (request) => queue.shift() ?? fallback(request);
}
