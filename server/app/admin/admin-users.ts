import { randomBytes } from 'node:crypto';
import type { AdminUserRow, OneTimePassword, UserCreate, UserProfileChange, UserReach } from '../../../shared/schemas/admin.js';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { User } from '../../../shared/schemas/user.js';
import { hashPassword } from '../accounts/password.js';
import type { SessionEnds } from '../accounts/session.js';
import { configSources, markConsoleEdit } from '../config/config-managed.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { Store, UserRecord } from '../ports/store.js';

const notFound = { ok: false, error: { code: 'not_found', message: 'no such user', field: 'id' } } as const;

/** A password the relay makes for a person: 18 random bytes as base64url (24 characters). */
export function makeOneTimePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Shortens a contact address for an admin's eyes: its host or first characters, never a secret. */
export function shortAddress(address: string): string {
  try {
    const url = new URL(address);
    return `${url.protocol}//${url.host}/…`;
  } catch {
    return address.length > 6 ? `${address.slice(0, 4)}…` : '…';
  }
}

const publicUser = (u: UserRecord): User => ({ id: u.id, name: u.name, email: u.email, role: u.role, notify: u.notify, ...(u.timeZone ? { timeZone: u.timeZone } : {}) });

/**
 * The admin screen's people use-cases (the routes check the admin role): list people with their
 * status and where their entry comes from, invite a person with a one-time password, change their
 * profile, reset their password (a new one-time password; their sessions end), and show their phones
 * and contact channels. Each change commits with its audit record; a change to a person the config
 * file declares is marked as a console edit (kept across restarts while the file's entry stays the same).
 */
export function createAdminUsers(deps: { store: Store; clock: Clock; ends: SessionEnds; audit?: AuditTrail }) {
  const audit = deps.audit ?? noAuditTrail;
  const { store, clock } = deps;
  return {
    /** Everyone, by name, with active flag, config source and working phones. */
    async list(): Promise<AdminUserRow[]> {
      const users = await store.listUsers();
      const sources = await configSources(store, 'user', users.map((u) => u.id));
      const devices = await store.listDevices();
      const rows: AdminUserRow[] = [];
      for (const user of users.sort((a, b) => a.name.localeCompare(b.name))) {
        rows.push({
          user: publicUser(user),
          active: !(await store.findUserDeactivation(user.id)),
          configSource: sources.get(user.id) ?? 'console',
          phones: devices.filter((d) => d.userId === user.id && d.revokedAt === null).length,
        });
      }
      return rows;
    },

    /** Creates a person with a one-time password (answered once, stored only as its hash). */
    async create(actor: User, input: UserCreate): Promise<CommandResult<OneTimePassword>> {
      const password = makeOneTimePassword();
      const passwordHash = await hashPassword(password);
      return store.transaction(async (tx): Promise<CommandResult<OneTimePassword>> => {
        if (await tx.getUser(input.id)) return { ok: false, error: { code: 'conflict', field: 'id', message: `id: a person "${input.id}" already exists` } };
        const email = input.email.toLowerCase();
        if ((await tx.listUsers()).some((u) => u.email.toLowerCase() === email)) {
          return { ok: false, error: { code: 'conflict', field: 'email', message: `email: ${input.email} is already in use` } };
        }
        await tx.upsertUser({ ...input, notify: [{ channel: 'push', after: 0 }], passwordHash });
        await audit.record({ action: 'user.created', actorId: actor.id, subject: { kind: 'user', id: input.id }, details: { role: input.role, by: 'admin' } }, tx);
        return { ok: true, value: { userId: input.id, password } };
      });
    },

    /** Changes a person's name, e-mail or time zone. */
    async changeProfile(actor: User, userId: string, change: UserProfileChange): Promise<CommandResult<AdminUserRow['user']>> {
      return store.transaction(async (tx): Promise<CommandResult<User>> => {
        const user = await tx.getUser(userId);
        if (!user) return notFound;
        if (change.email && change.email.toLowerCase() !== user.email.toLowerCase()
          && (await tx.listUsers()).some((u) => u.email.toLowerCase() === change.email!.toLowerCase())) {
          return { ok: false, error: { code: 'conflict', field: 'email', message: `email: ${change.email} is already in use` } };
        }
        const { timeZone: _old, ...rest } = user;
        const zone = change.timeZone === undefined ? user.timeZone : (change.timeZone ?? undefined);
        const next: UserRecord = { ...rest, ...(change.name ? { name: change.name } : {}), ...(change.email ? { email: change.email } : {}), ...(zone ? { timeZone: zone } : {}) };
        await tx.upsertUser(next);
        await markConsoleEdit(tx, 'user', userId, actor.id, clock.now());
        await audit.record({ action: 'user.changed', actorId: actor.id, subject: { kind: 'user', id: userId }, details: { fields: Object.keys(change) } }, tx);
        return { ok: true, value: publicUser(next) };
      });
    },

    /** Gives a person a new one-time password and ends their sessions (phones stay paired). */
    async resetPassword(actor: User, userId: string): Promise<CommandResult<OneTimePassword>> {
      const password = makeOneTimePassword();
      const passwordHash = await hashPassword(password);
      const now = clock.now();
      const result = await store.transaction(async (tx): Promise<CommandResult<OneTimePassword>> => {
        const user = await tx.getUser(userId);
        if (!user) return notFound;
        await tx.upsertUser({ ...user, passwordHash });
        await tx.revokeTokensOfUser(userId, now);
        await markConsoleEdit(tx, 'user', userId, actor.id, now);
        await audit.record({ action: 'user.changed', actorId: actor.id, subject: { kind: 'user', id: userId }, details: { password: 'reset' } }, tx);
        return { ok: true, value: { userId, password } };
      });
      if (result.ok) deps.ends.publish({ kind: 'user', userId });
      return result;
    },

    /** A person's phones and contact channels (addresses shortened; tokens and keys never shown). */
    async reach(userId: string): Promise<CommandResult<UserReach>> {
      if (!(await store.getUser(userId))) return notFound;
      const [devices, contacts] = await Promise.all([store.listDevices(userId), store.getContacts(userId)]);
      const channels: UserReach['contacts'] = [];
      if (contacts?.ntfy) channels.push({ channel: 'ntfy', address: shortAddress(contacts.ntfy.url) });
      if (contacts?.pushover) channels.push({ channel: 'pushover', address: 'user key on file' });
      if (contacts?.webhook) channels.push({ channel: 'webhook', address: shortAddress(contacts.webhook.url) });
      return {
        ok: true,
        value: {
          phones: devices.map((d) => ({ id: d.id, name: d.name, pairedAt: d.createdAt.toISOString(), lastSeenAt: d.lastSeenAt?.toISOString() ?? null, revoked: d.revokedAt !== null })),
          contacts: channels,
        },
      };
    },
  };
}

/** The admin screen's people use-cases, as `createAdminUsers` builds them. */
export type AdminUsers = ReturnType<typeof createAdminUsers>;
