import { randomBytes } from 'node:crypto';
import type { User } from '../../../shared/schemas/user.js';
import type { Accounts } from '../accounts/accounts.js';
import { toPublicUser } from '../accounts/public-user.js';
import { hashToken } from '../accounts/tokens.js';
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
}

/**
 * Creates the device-token check. A device token does not expire (a phone must keep receiving pages
 * for months); it stops working when the device is revoked in the console or its owner is removed.
 */
export function createDeviceAuth(deps: {
  store: Pick<StoreSession, 'findDeviceByTokenHash' | 'getUser' | 'updateDevice'>;
  clock: Clock;
}): DeviceAuth {
  return {
    async authenticate(token) {
      if (!isDeviceToken(token)) return undefined;
      const device = await deps.store.findDeviceByTokenHash(hashToken(token));
      if (!device || device.revokedAt !== null) return undefined;
      const user = await deps.store.getUser(device.userId);
      if (!user) return undefined;
      const now = deps.clock.now();
      if (!device.lastSeenAt || now.getTime() - device.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
        await deps.store.updateDevice(device.id, { lastSeenAt: now });
      }
      return { user: toPublicUser(user), device };
    },
  };
}

/**
 * Wraps the accounts so that a device token authenticates as its owner wherever a login token does
 * (the HTTP API and both socket namespaces); login tokens go to the accounts as before.
 */
export function withDeviceTokens(accounts: Accounts, devices: DeviceAuth): Accounts {
  return {
    login: (request) => accounts.login(request),
    logout: (token) => accounts.logout(token),
    async authenticate(token) {
      if (isDeviceToken(token)) return (await devices.authenticate(token))?.user;
      return accounts.authenticate(token);
    },
  };
}
