import { randomBytes } from 'node:crypto';
import type { User } from '../../../shared/schemas/user.js';
import type { Accounts } from '../accounts/accounts.js';
import { toPublicUser } from '../accounts/public-user.js';
import type { Session } from '../accounts/session.js';
import { hashToken } from '../accounts/tokens.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { DeviceRecord } from '../ports/paging-store.js';
import type { StoreSession } from '../ports/store.js';

/** Device tokens start with this, so a bearer token is looked up in one table only. */
export const DEVICE_TOKEN_PREFIX = 'kxd_';

/** How often a device's last-seen time is written at most (every request would be a write). */
const LAST_SEEN_EVERY_MS = 60_000;

/** Tells whether a bearer token is a device token (by its prefix; validity is checked elsewhere). */
export function isDeviceToken(token: string): boolean {
  return token.startsWith(DEVICE_TOKEN_PREFIX) && token.length <= 256;
}

/** Makes a new device token: the prefix and 32 random bytes in base64url. */
export function newDeviceToken(): string {
  return `${DEVICE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** A device token's owner and device. */
export interface DeviceIdentity {
  user: User;
  device: DeviceRecord;
}

/** Checks device tokens. */
export interface DeviceAuth {
  /** The device and its owner for a known, unrevoked device token; undefined otherwise. */
  authenticate(token: string): Promise<DeviceIdentity | undefined>;
  /** Signs a phone out: revokes its device token and drops its push subscriptions; answers the device, if it was valid. */
  signOut(token: string): Promise<DeviceIdentity | undefined>;
}

/**
 * Creates the device-token check. A device token does not expire (a phone must keep receiving pages
 * for months); it stops working when the device is revoked in the console or its owner is removed.
 */
export function createDeviceAuth(deps: {
  store: Pick<StoreSession, 'findDeviceByTokenHash' | 'getUser' | 'updateDevice' | 'findUserDeactivation' | 'deletePushSubscriptionsOfDevice'>;
  clock: Clock;
}): DeviceAuth {
  const identify = async (token: string): Promise<DeviceIdentity | undefined> => {
    if (!isDeviceToken(token)) return undefined;
    const device = await deps.store.findDeviceByTokenHash(hashToken(token));
    if (!device || device.revokedAt !== null) return undefined;
    const user = await deps.store.getUser(device.userId);
    // A deactivated person's phones stop working with them (and work again on reactivation, unless revoked).
    if (!user || (await deps.store.findUserDeactivation(user.id))) return undefined;
    return { user: toPublicUser(user), device };
  };
  return {
    async signOut(token) {
      const identity = await identify(token);
      if (!identity) return undefined;
      const revokedAt = deps.clock.now();
      await deps.store.updateDevice(identity.device.id, { revokedAt });
      await deps.store.deletePushSubscriptionsOfDevice(identity.device.id);
      return { ...identity, device: { ...identity.device, revokedAt } };
    },
    async authenticate(token) {
      const identity = await identify(token);
      if (!identity) return undefined;
      const { device } = identity;
      const now = deps.clock.now();
      if (!device.lastSeenAt || now.getTime() - device.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
        await deps.store.updateDevice(device.id, { lastSeenAt: now });
      }
      return identity;
    },
  };
}

/** The session of a device token: a phone's, without expiry, limited to what a phone does. */
export function deviceSession(identity: DeviceIdentity, token: string): Session {
  return { user: identity.user, kind: 'device', tokenHash: hashToken(token), expiresAt: null, deviceId: identity.device.id };
}

/**
 * Wraps the accounts so that device tokens are known too: a device token's session has the kind
 * `device`, which the transports limit to what a phone does (see `device-scope.ts`); signing out with
 * a device token revokes the phone. Login tokens go to the accounts as before.
 */
export function withDeviceTokens(accounts: Accounts, devices: DeviceAuth, audit: AuditTrail = noAuditTrail): Accounts {
  const session = async (token: string): Promise<Session | undefined> => {
    if (!isDeviceToken(token)) return accounts.session(token);
    const identity = await devices.authenticate(token);
    return identity && deviceSession(identity, token);
  };
  return {
    login: (request) => accounts.login(request),
    attempt: (request) => accounts.attempt(request),
    async logout(token) {
      if (!isDeviceToken(token)) return accounts.logout(token);
      const identity = await devices.signOut(token);
      if (!identity) return;
      accounts.ends.publish({ kind: 'token', tokenHash: hashToken(token) });
      await audit.record({
        action: 'device.revoked',
        actorId: identity.user.id,
        subject: { kind: 'device', id: identity.device.id },
        details: { userId: identity.user.id, reason: 'signed out on the phone' },
      });
    },
    authenticate: async (token) => (await session(token))?.user,
    session,
    ends: accounts.ends,
  };
}
