import type { Selectable } from 'kysely';
import type { TokenRecord, UserRecord } from '../../app/ports/store.js';
import type { Db, TokensTable, UsersTable } from './database.js';
import { isoOf, parseJson } from './json.js';
import { prepareQuery } from './prepared-query.js';

function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as UserRecord['role'],
    notify: parseJson<UserRecord['notify']>(row.notify, 'users.notify'),
    passwordHash: row.password_hash,
    ...(row.time_zone ? { timeZone: row.time_zone } : {}),
  };
}

function toToken(row: Selectable<TokensTable>): TokenRecord {
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  };
}

/** Counts the user accounts. */
export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Reads one user by id. */
export async function getUser(db: Db, id: string): Promise<UserRecord | undefined> {
  const row = await userById.executeTakeFirst(db, { id });
  return row && toUser(row);
}

const userById = prepareQuery((db, slot: { id: string }) => db.selectFrom('users').selectAll().where('id', '=', slot.id));

/** Finds a user by id first, then by e-mail address compared case-insensitively. */
export async function findUserByLogin(db: Db, login: string): Promise<UserRecord | undefined> {
  const byId = await getUser(db, login);
  if (byId) return byId;
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email_lower', '=', login.toLowerCase())
    .orderBy('id')
    .executeTakeFirst();
  return row && toUser(row);
}

/** Lists every user by id. */
export async function listUsers(db: Db): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('id').execute();
  return rows.map(toUser);
}

/** Adds a user or replaces the one with the same id. */
export async function upsertUser(db: Db, user: UserRecord): Promise<void> {
  const row = {
    id: user.id,
    name: user.name,
    email: user.email,
    email_lower: user.email.toLowerCase(),
    role: user.role,
    notify: JSON.stringify(user.notify),
    password_hash: user.passwordHash,
    time_zone: user.timeZone ?? null,
  };
  const { id: _id, ...changes } = row;
  await db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(changes))
    .execute();
}

/** Stores a new token (by its hash). */
export async function insertToken(db: Db, token: TokenRecord): Promise<void> {
  await db
    .insertInto('tokens')
    .values({
      token_hash: token.tokenHash,
      user_id: token.userId,
      created_at: isoOf(token.createdAt, 'tokens.created_at'),
      expires_at: isoOf(token.expiresAt, 'tokens.expires_at'),
      revoked_at: token.revokedAt === null ? null : isoOf(token.revokedAt, 'tokens.revoked_at'),
    })
    .execute();
}

/** Reads a token by its hash, revoked or not (the caller checks expiry and revocation). */
export async function findToken(db: Db, tokenHash: string): Promise<TokenRecord | undefined> {
  const row = await db.selectFrom('tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && toToken(row);
}

/** Revokes one token; a token already revoked keeps its first revocation time. */
export async function revokeToken(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db
    .updateTable('tokens')
    .set({ revoked_at: isoOf(at, 'tokens.revoked_at') })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every live token of a user (sign out everywhere, or a removed account). */
export async function revokeTokensOfUser(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('tokens')
    .set({ revoked_at: isoOf(at, 'tokens.revoked_at') })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
