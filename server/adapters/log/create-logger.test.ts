import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const SECRETS = ['hunter2-password', 'tok-abcdef', 'Bearer tok-xyz', 'rk-0123456789', 'int-key-42', 'scrypt$16384$8$1$x$y'];

describe('createLogger', () => {
  it('never writes a password, token, authorization header or key', () => {
    const out = capture();
    const log = createLogger({ level: 'trace', pretty: false, destination: out.stream });
    log.info({ password: 'hunter2-password', token: 'tok-abcdef' }, 'top level');
    log.info({ user: { password: 'hunter2-password', passwordHash: 'scrypt$16384$8$1$x$y' } }, 'nested');
    log.info({ body: { login: { password: 'hunter2-password' } } }, 'two levels down');
    log.info({ req: { headers: { authorization: 'Bearer tok-xyz' } } }, 'request');
    log.info({ headers: { authorization: 'Bearer tok-xyz' } }, 'headers');
    log.info({ event: { routing_key: 'rk-0123456789' }, integration: { key: 'int-key-42' } }, 'ingest');
    log.child({ token: 'tok-abcdef' }).warn('child binding');

    const text = out.text();
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(9);
    expect(text).toContain('"msg":"two levels down"');
  });

  it('writes one JSON object per line when not pretty', () => {
    const out = capture();
    const log = createLogger({ level: 'info', pretty: false, destination: out.stream });
    log.info({ url: 'http://127.0.0.1:7300' }, 'relay listening');
    log.debug('not at info');
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'relay listening', url: 'http://127.0.0.1:7300', level: 30 });
  });
});
