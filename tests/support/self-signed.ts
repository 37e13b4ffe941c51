import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A self-signed certificate for 127.0.0.1 made for one test, with its key and fingerprint. */
export interface SelfSigned {
  certPath: string;
  keyPath: string;
  /** The PEM certificate, which a client trusts as its own CA. */
  cert: string;
  /** The SHA-256 fingerprint as Node's `getPeerCertificate().fingerprint256` spells it. */
  fingerprint256: string;
}

/** Makes a P-256 certificate for IP 127.0.0.1, valid one day, as `<name>.crt` and `<name>.key` in `dir`. */
export function makeSelfSigned(dir: string, name: string): SelfSigned {
  const certPath = path.join(dir, `${name}.crt`);
  const keyPath = path.join(dir, `${name}.key`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', certPath,
  ], { stdio: 'ignore' });
  const cert = readFileSync(certPath, 'utf8');
  return { certPath, keyPath, cert, fingerprint256: new X509Certificate(cert).fingerprint256 };
}
