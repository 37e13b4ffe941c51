import type { Selectable } from 'kysely';
import type { SsoClient } from '../../../shared/schemas/sso.js';
import type { SsoHandoffRecord, SsoIdentityRecord, SsoPendingRecord } from '../../app/ports/sso-store.js';
import type { Db } from './database.js';
import { isoOf } from './json.js';

/** An identity an issuer vouches for (migration 0025). */
export interface SsoIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: string;
  last_login_at: string;
}

/** A sign-in waiting for the issuer (migration 0025). */
export interface SsoPendingTable {
  state_hash: string;
  nonce: string;
  code_verifier: string;
  client: string;
  challenge: string;
  expires_at: string;
}

/** A one-time hand-off code (migration 0025). */
export interface SsoHandoffsTable {
  code_hash: string;
  user_id: string;
  client: string;
  challenge: string;
  expires_at: string;
}

function toIdentity(row: Selectable<SsoIdentitiesTable>): SsoIdentityRecord {
  return { issuer: row.issuer, subject: row.subject, userId: row.user_id, createdAt: new Date(row.created_at), lastLoginAt: new Date(row.last_login_at) };
}

/** The identity with this issuer and subject. */
export async function findSsoIdentity(db: Db, issuer: string, subject: string): Promise<SsoIdentityRecord | undefined> {
  const row = await db.selectFrom('sso_identities').selectAll().where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
  return row && toIdentity(row);
}

/** Links a new identity (the primary key refuses a second link of the same issuer and subject). */
export async function insertSsoIdentity(db: Db, r: SsoIdentityRecord): Promise<void> {
  await db
    .insertInto('sso_identities')
    .values({ issuer: r.issuer, subject: r.subject, user_id: r.userId, created_at: isoOf(r.createdAt, 'ssoIdentity.createdAt'), last_login_at: isoOf(r.lastLoginAt, 'ssoIdentity.lastLoginAt') })
    .execute();
}

/** Records a sign-in through an identity. */
export async function touchSsoIdentity(db: Db, issuer: string, subject: string, at: Date): Promise<void> {
  await db.updateTable('sso_identities').set({ last_login_at: isoOf(at, 'ssoIdentity.lastLoginAt') }).where('issuer', '=', issuer).where('subject', '=', subject).execute();
}

/** Keeps a sign-in waiting for the issuer. */
export async function insertSsoPending(db: Db, r: SsoPendingRecord): Promise<void> {
  await db
    .insertInto('sso_pending')
    .values({ state_hash: r.stateHash, nonce: r.nonce, code_verifier: r.codeVerifier, client: r.client, challenge: r.challenge, expires_at: isoOf(r.expiresAt, 'ssoPending.expiresAt') })
    .execute();
}

/** Removes and returns a waiting sign-in; of two racing takes only the one whose delete hit the row gets it. */
export async function takeSsoPending(db: Db, stateHash: string): Promise<SsoPendingRecord | undefined> {
  const row = await db.selectFrom('sso_pending').selectAll().where('state_hash', '=', stateHash).executeTakeFirst();
  if (!row) return undefined;
  const deleted = await db.deleteFrom('sso_pending').where('state_hash', '=', stateHash).executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) return undefined;
  return {
    stateHash: row.state_hash,
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    client: row.client as SsoClient,
    challenge: row.challenge,
    expiresAt: new Date(row.expires_at),
  };
}

/** Keeps a hand-off code. */
export async function insertSsoHandoff(db: Db, r: SsoHandoffRecord): Promise<void> {
  await db
    .insertInto('sso_handoffs')
    .values({ code_hash: r.codeHash, user_id: r.userId, client: r.client, challenge: r.challenge, expires_at: isoOf(r.expiresAt, 'ssoHandoff.expiresAt') })
    .execute();
}

/** Removes and returns a hand-off code (once). */
export async function takeSsoHandoff(db: Db, codeHash: string): Promise<SsoHandoffRecord | undefined> {
  const row = await db.selectFrom('sso_handoffs').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  if (!row) return undefined;
  const deleted = await db.deleteFrom('sso_handoffs').where('code_hash', '=', codeHash).executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) return undefined;
  return { codeHash: row.code_hash, userId: row.user_id, client: row.client as SsoClient, challenge: row.challenge, expiresAt: new Date(row.expires_at) };
}

/** Forgets waiting sign-ins and hand-offs that expired at or before `now` (ISO text sorts as time). */
export async function deleteExpiredSso(db: Db, now: Date): Promise<void> {
  const cutoff = isoOf(now, 'now');
  await db.deleteFrom('sso_pending').where('expires_at', '<=', cutoff).execute();
  await db.deleteFrom('sso_handoffs').where('expires_at', '<=', cutoff).execute();
}
