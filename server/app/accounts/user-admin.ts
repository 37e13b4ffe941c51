import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Role, User } from '../../../shared/schemas/user.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { Store, StoreSession } from '../ports/store.js';
import { markConsoleEdit } from '../config/config-managed.js';
import { toPublicUser } from './public-user.js';
import type { SessionEnds } from './session.js';

/** A change an admin makes to a person: a new role, deactivation (`active: false`) or reactivation. */
export interface UserChange {
  role?: Role;
  active?: boolean;
}

/** A person as the user admin API shows them. */
export interface AdminUserView {
  user: User;
  active: boolean;
}

const notFound = { ok: false, error: { code: 'not_found', message: 'no such user', field: 'id' } } as const;

/** Whether some active admin other than `userId` remains (the relay must never lose its last admin). */
async function anotherActiveAdmin(tx: StoreSession, userId: string): Promise<boolean> {
  for (const user of await tx.listUsers()) {
    if (user.id !== userId && user.role === 'admin' && !(await tx.findUserDeactivation(user.id))) return true;
  }
  return false;
}

/**
 * Creates the user admin use-cases (admins only; the route checks the role): change a person's role,
 * deactivate or reactivate them, and revoke all their sessions. Each commits with its audit event in
 * one transaction and then announces the end of the person's sessions, so that their open sockets are
 * cut within a second (consoles reconnect and get the new role; a deactivated person cannot).
 */
export function createUserAdmin(deps: { store: Store; clock: Clock; ends: SessionEnds; audit?: AuditTrail }) {
  const audit = deps.audit ?? noAuditTrail;
  const subject = (id: string) => ({ kind: 'user', id });
  return {
    /** Applies `change` to the person `userId`; refuses to demote or deactivate the last active admin. */
    async change(actor: User, userId: string, change: UserChange): Promise<CommandResult<AdminUserView>> {
      const now = deps.clock.now();
      const result = await deps.store.transaction(async (tx): Promise<CommandResult<AdminUserView & { changed: boolean }>> => {
        const user = await tx.getUser(userId);
        if (!user) return notFound;
        const wasActive = !(await tx.findUserDeactivation(userId));
        const losesAdmin = user.role === 'admin' && ((change.role !== undefined && change.role !== 'admin') || change.active === false);
        if (losesAdmin && wasActive && !(await anotherActiveAdmin(tx, userId))) {
          const field = change.active === false ? 'active' : 'role';
          return { ok: false, error: { code: 'conflict', message: 'this is the last active admin; make another admin first', field } };
        }
        let changed = false;
        if (change.role !== undefined && change.role !== user.role) {
          await tx.upsertUser({ ...user, role: change.role });
          // A role is part of the config file's entry: kept across restarts until that entry changes.
          await markConsoleEdit(tx, 'user', userId, actor.id, now);
          await audit.record({ action: 'user.changed', actorId: actor.id, subject: subject(userId), details: { role: { from: user.role, to: change.role } } }, tx);
          changed = true;
        }
        if (change.active === false && wasActive) {
          await tx.deactivateUser({ userId, deactivatedAt: now, deactivatedBy: actor.id });
          // Login tokens end for good; phones only pause (they page again once the person is reactivated).
          await tx.revokeTokensOfUser(userId, now);
          await audit.record({ action: 'user.deactivated', actorId: actor.id, subject: subject(userId), details: {} }, tx);
          changed = true;
        }
        if (change.active === true && !wasActive) {
          await tx.reactivateUser(userId);
          await audit.record({ action: 'user.changed', actorId: actor.id, subject: subject(userId), details: { active: { from: false, to: true } } }, tx);
          changed = true;
        }
        const active = change.active ?? wasActive;
        return { ok: true, value: { user: toPublicUser({ ...user, role: change.role ?? user.role }), active, changed } };
      });
      if (!result.ok) return result;
      if (result.value.changed) deps.ends.publish({ kind: 'user', userId });
      return { ok: true, value: { user: result.value.user, active: result.value.active } };
    },

    /** Revokes every login token and every phone of the person (a lost laptop, a stolen password). */
    async revokeSessions(actor: User, userId: string): Promise<CommandResult<{ revokedDevices: number }>> {
      const now = deps.clock.now();
      const result = await deps.store.transaction(async (tx): Promise<CommandResult<{ revokedDevices: number }>> => {
        if (!(await tx.getUser(userId))) return notFound;
        await tx.revokeTokensOfUser(userId, now);
        const devices = (await tx.listDevices(userId)).filter((d) => d.revokedAt === null);
        for (const device of devices) {
          await tx.updateDevice(device.id, { revokedAt: now });
          await tx.deletePushSubscriptionsOfDevice(device.id);
          await audit.record({ action: 'device.revoked', actorId: actor.id, subject: { kind: 'device', id: device.id }, details: { userId } }, tx);
        }
        await audit.record({ action: 'token.revoked', actorId: actor.id, subject: subject(userId), details: { kind: 'all', devices: devices.length } }, tx);
        return { ok: true, value: { revokedDevices: devices.length } };
      });
      if (result.ok) deps.ends.publish({ kind: 'user', userId });
      return result;
    },
  };
}

/** The user admin use-cases, as `createUserAdmin` builds them. */
export type UserAdmin = ReturnType<typeof createUserAdmin>;
