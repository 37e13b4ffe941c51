import type { ConnectWiseCredentials } from '../ports/connectwise-api.js';
import type { ConnectWiseConnectionRecord } from '../ports/connectwise-store.js';
import type { SecretBox } from '../ports/secret-box.js';

/** The context a key is sealed under, so a sealed key cannot be moved to another connection or field. */
export function sealContext(connectionId: string, field: 'publicKey' | 'privateKey'): string {
  return `connectwise:${connectionId}:${field}`;
}

/** Where a key comes from: a named environment variable (when it is set), else the sealed value. */
export function keySource(record: ConnectWiseConnectionRecord, field: 'publicKey' | 'privateKey', env: Record<string, string | undefined>) {
  const envName = field === 'publicKey' ? record.connection.publicKeyEnv : record.connection.privateKeyEnv;
  if (envName) return { set: !!env[envName], from: 'env' as const };
  const sealed = field === 'publicKey' ? record.publicKeySealed : record.privateKeySealed;
  return { set: sealed !== null, from: sealed === null ? null : ('console' as const) };
}

/**
 * The credentials of a connection, with its keys read from their environment variables or unsealed;
 * or the reason they cannot be had (a key not set, or sealed under another KLAXON_SECRET_KEY).
 */
export function credentialsOf(
  record: ConnectWiseConnectionRecord,
  box: SecretBox,
  env: Record<string, string | undefined>,
): { ok: true; credentials: ConnectWiseCredentials } | { ok: false; reason: string } {
  const read = (field: 'publicKey' | 'privateKey'): string | { reason: string } => {
    const envName = field === 'publicKey' ? record.connection.publicKeyEnv : record.connection.privateKeyEnv;
    if (envName) return env[envName] || { reason: `the environment variable ${envName} (${field}) is not set` };
    const sealed = field === 'publicKey' ? record.publicKeySealed : record.privateKeySealed;
    if (sealed === null) return { reason: `the ${field} is not set` };
    try {
      return box.open(sealed, sealContext(record.connection.id, field));
    } catch {
      return { reason: `the ${field} cannot be decrypted (is KLAXON_SECRET_KEY the one it was saved with?)` };
    }
  };
  const publicKey = read('publicKey');
  const privateKey = read('privateKey');
  if (typeof publicKey !== 'string') return { ok: false, reason: publicKey.reason };
  if (typeof privateKey !== 'string') return { ok: false, reason: privateKey.reason };
  const { site, codebase, companyId, clientId } = record.connection;
  return { ok: true, credentials: { site, codebase, companyId, clientId, publicKey, privateKey } };
}
