import { randomInt } from 'node:crypto';
import type { Store } from '../ports/store.js';
import { hashPassword } from './password.js';

/** Letters and digits that cannot be mistaken for one another when read off a terminal. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** Returns a random password of `length` characters (about 5.8 bits each) from an unambiguous alphabet. */
export function generatePassword(length = 20): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** The two lines shown once on first start. */
export function adminBanner(password: string): string {
  return [
    '==> Klaxon first start: created the user "admin". Keep this password; it is never shown again.',
    `==> username: admin   password: ${password}`,
  ].join('\n');
}

/**
 * On a first start without a config file, creates the user `admin` (role admin) with a random
 * password and prints it once through `print` — stdout, never the logger, so it never sits in a log
 * file. Does nothing when the store already has users. Returns whether it created the user.
 */
export async function bootstrapAdmin(deps: {
  store: Store;
  print: (text: string) => void;
}): Promise<boolean> {
  if ((await deps.store.countUsers()) > 0) return false;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  // Re-checked inside the transaction so two relays starting together on one database create one admin.
  const created = await deps.store.transaction(async (tx) => {
    if ((await tx.countUsers()) > 0) return false;
    await tx.upsertUser({
      id: 'admin',
      name: 'Administrator',
      // "admin@localhost" fails the shared UserSchema's z.email(); .localhost is just as reserved (RFC 6761).
      email: 'admin@klaxon.localhost',
      role: 'admin',
      notify: [{ channel: 'push', after: 0 }],
      passwordHash,
    });
    return true;
  });
  if (created) deps.print(`${adminBanner(password)}\n`);
  return created;
}
