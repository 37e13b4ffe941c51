import type { Server as HttpServer } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import { createSecureContext } from 'node:tls';
import type { TlsFiles } from './tls-files.js';

/**
 * Serves a new certificate and key to the connections an HTTPS server accepts from now on (open
 * connections keep theirs). The pair is checked first (`createSecureContext` throws when the key does
 * not fit the certificate), so a bad renewal leaves the old certificate in place.
 */
export function reloadTls(server: HttpServer | HttpsServer, files: TlsFiles): void {
  if (!(server instanceof HttpsServer)) throw new Error('the relay serves plain HTTP; there is no certificate to reload');
  createSecureContext({ cert: files.cert, key: files.key });
  server.setSecureContext({ cert: files.cert, key: files.key });
}
