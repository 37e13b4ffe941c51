import { readFile } from 'node:fs/promises';

/** A certificate (chain) and its private key, PEM, as the HTTPS server takes them. */
export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * Reads the PEM certificate and key files the relay serves HTTPS with. Throws an error naming the
 * file that cannot be read or that holds no PEM block (never its content: the key is a secret).
 */
export async function loadTlsFiles(certPath: string, keyPath: string): Promise<TlsFiles> {
  const read = async (file: string, what: string, marker: RegExp) => {
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch (error) {
      throw new Error(`cannot read the TLS ${what} file ${file}`, { cause: error });
    }
    if (!marker.test(content.toString('latin1'))) throw new Error(`the TLS ${what} file ${file} holds no PEM ${what}`);
    return content;
  };
  const [cert, key] = await Promise.all([
    read(certPath, 'certificate', /-----BEGIN CERTIFICATE-----/),
    read(keyPath, 'key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/),
  ]);
  return { cert, key };
}
