import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../app/ports/secret-box.js';

/** Why a secret cannot be encrypted: no `KLAXON_SECRET_KEY` is set. */
export class SecretKeyMissingError extends Error {
  override readonly name = 'SecretKeyMissingError';

  /** Builds the error naming the setting to set. */
  constructor() {
    super('secrets set in the console need KLAXON_SECRET_KEY (32 bytes, base64 or hex) on the relay; or name environment variables instead');
  }
}

/** Reads a 32-byte key written as 64 hex digits or as base64; throws naming the setting otherwise. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('KLAXON_SECRET_KEY must be 32 bytes, written as 64 hex digits or base64');
  return key;
}

/**
 * Creates the AES-256-GCM secret box. A sealed value is `v1.<iv>.<tag>.<ciphertext>` (base64url),
 * with the context as additional authenticated data. Without a key, sealing throws a
 * `SecretKeyMissingError` (and opening fails the same way).
 */
export function createSecretBox(key: Buffer | undefined): SecretBox {
  return {
    ready: key !== undefined,
    seal(plain, context) {
      if (!key) throw new SecretKeyMissingError();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(sealed, context) {
      if (!key) throw new SecretKeyMissingError();
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
