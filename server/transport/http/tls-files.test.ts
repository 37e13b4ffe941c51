import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSelfSigned } from '../../../tests/support/self-signed.js';
import { loadTlsFiles } from './tls-files.js';
import { reloadTls } from './tls-reload.js';
import { createServer } from 'node:https';
import { createServer as createHttpServer } from 'node:http';

const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-tls-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadTlsFiles', () => {
  it('reads a PEM certificate and key', async () => {
    const pair = makeSelfSigned(dir, 'ok');
    const files = await loadTlsFiles(pair.certPath, pair.keyPath);
    expect(files.cert.toString()).toContain('BEGIN CERTIFICATE');
  });

  it('names the file it cannot read or that holds no PEM block, never the content', async () => {
    const pair = makeSelfSigned(dir, 'named');
    await expect(loadTlsFiles(path.join(dir, 'absent.crt'), pair.keyPath)).rejects.toThrow(`cannot read the TLS certificate file ${path.join(dir, 'absent.crt')}`);
    const notPem = path.join(dir, 'not-pem.key');
    writeFileSync(notPem, 'sekrit-material');
    const error = (await loadTlsFiles(pair.certPath, notPem).then(
      () => new Error('expected a refusal'),
      (e: unknown) => e as Error,
    ));
    expect(error.message).toBe(`the TLS key file ${notPem} holds no PEM key`);
    expect(error.message).not.toContain('sekrit');
  });
});

describe('reloadTls', () => {
  it('refuses a key that does not fit the certificate, and a plain HTTP server', async () => {
    const a = makeSelfSigned(dir, 'a');
    const b = makeSelfSigned(dir, 'b');
    const server = createServer(await loadTlsFiles(a.certPath, a.keyPath));
    const mismatched = { ...(await loadTlsFiles(b.certPath, b.keyPath)), key: (await loadTlsFiles(a.certPath, a.keyPath)).key };
    expect(() => reloadTls(server, mismatched)).toThrow();
    const filesB = await loadTlsFiles(b.certPath, b.keyPath);
    expect(() => reloadTls(createHttpServer(), filesB)).toThrow(/plain HTTP/);
  });
});
