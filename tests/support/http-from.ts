import { request } from 'node:http';

/** An HTTP answer with its JSON body (or undefined), headers and how long it took. */
export interface TimedAnswer {
  status: number;
  // Answers are checked field by field in tests; the loose type keeps those checks short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Record<string, string | string[] | undefined>;
  ms: number;
}

/**
 * Sends a JSON request from a chosen local address (any 127.x.y.z reaches a relay on 127.0.0.1), so
 * that tests can act as several clients with different addresses. Keeps no connection alive.
 */
export function httpFrom(
  localAddress: string,
  url: string,
  options: { method?: string; token?: string; body?: unknown } = {},
): Promise<TimedAnswer> {
  const started = performance.now();
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? (payload === undefined ? 'GET' : 'POST'),
        localAddress,
        agent: false,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers, ms: performance.now() - started });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
