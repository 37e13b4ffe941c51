import { randomInt, randomUUID } from 'node:crypto';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { User } from '../../../shared/schemas/user.js';
import { toPublicUser } from '../accounts/public-user.js';
import { hashToken } from '../accounts/tokens.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { DeviceRecord } from '../ports/paging-store.js';
import type { Store } from '../ports/store.js';
import { newDeviceToken } from './device-tokens.js';

/** Letters and digits that cannot be mistaken for each other when typed from a screen (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

/** A device as clients see it (never its token hash). */
export interface DeviceView {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

/** A freshly registered device with its token; the token exists only in this answer and on the phone. */
export interface RegisteredDevice {
  token: string;
  device: DeviceView;
  user: User;
}

/** Who asks to see or revoke devices. */
export interface DeviceRequester {
  userId: string;
  role: User['role'];
}

/** Shows a stored device to clients. */
export function toDeviceView(device: DeviceRecord): DeviceView {
  return {
    id: device.id,
    userId: device.userId,
    name: device.name,
    createdAt: device.createdAt.toISOString(),
    lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
    revokedAt: device.revokedAt?.toISOString() ?? null,
  };
}

/** Brings a typed code to its stored form: upper case, without spaces or dashes. */
export function normalizePairingCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Who may manage everyone's devices (others manage their own). */
const mayManageAll = (role: User['role']) => role === 'admin' || role === 'ir-manager';

/**
 * Creates the pairing use-cases: a signed-in person makes a one-time code (shown as a QR code in the
 * console), a phone redeems it for a device token; a phone that signs in with a password registers
 * itself the same way. Devices are listed and revoked; revoking also drops the device's Web Push
 * subscriptions.
 */
export function createPairing(deps: {
  store: Store;
  clock: Clock;
  codeTtlSeconds?: number;
  /** Called after a device is revoked, e.g. to cut its open sockets at once. */
  onRevoked?: (device: DeviceRecord) => Promise<void> | void;
  /** Records pairing codes made, phones paired and revoked. */
  audit?: AuditTrail;
}) {
  const ttlMs = (deps.codeTtlSeconds ?? 600) * 1000;
  const audit = deps.audit ?? noAuditTrail;
  const paired = (device: DeviceRecord, how: 'code' | 'password') =>
    audit.record({ action: 'device.paired', actorId: device.userId, subject: { kind: 'device', id: device.id }, details: { name: device.name, how } });

  const register = async (userId: string, name: string): Promise<{ token: string; device: DeviceRecord }> => {
    const token = newDeviceToken();
    const device: DeviceRecord = {
      id: randomUUID(),
      userId,
      name,
      tokenHash: hashToken(token),
      createdAt: deps.clock.now(),
      lastSeenAt: null,
      revokedAt: null,
    };
    await deps.store.insertDevice(device);
    return { token, device };
  };

  return {
    /** Makes a one-time code for `userId`, valid for the code lifetime (ten minutes by default). */
    async createCode(userId: string): Promise<{ code: string; expiresAt: string }> {
      let code = '';
      for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
      const createdAt = deps.clock.now();
      const expiresAt = new Date(createdAt.getTime() + ttlMs);
      await deps.store.insertPairingCode({ codeHash: hashToken(code), userId, createdAt, expiresAt, usedAt: null });
      await audit.record({ action: 'token.created', actorId: userId, subject: { kind: 'user', id: userId }, details: { kind: 'pairing-code', expiresAt: expiresAt.toISOString() } });
      return { code, expiresAt: expiresAt.toISOString() };
    },

    /** Redeems a code for a new device of the code's owner; a used, expired or unknown code is refused. */
    async pairWithCode(code: string, name: string): Promise<CommandResult<RegisteredDevice>> {
      const redeemed = await deps.store.transaction(async (tx) => {
        const found = await tx.redeemPairingCode(hashToken(normalizePairingCode(code)), deps.clock.now());
        return found && { code: found, user: await tx.getUser(found.userId) };
      });
      if (!redeemed?.user) {
        return { ok: false, error: { code: 'invalid', message: 'this pairing code is wrong, used or expired; make a new one in the console', field: 'code' } };
      }
      const { token, device } = await register(redeemed.user.id, name);
      await paired(device, 'code');
      return { ok: true, value: { token, device: toDeviceView(device), user: toPublicUser(redeemed.user) } };
    },

    /** Registers a device for a person who signed in on it with a password. */
    async registerSignedIn(user: User, name: string): Promise<RegisteredDevice> {
      const { token, device } = await register(user.id, name);
      await paired(device, 'password');
      return { token, device: toDeviceView(device), user };
    },

    /** A person's devices, or everyone's for admins and IR managers who ask for all. */
    async list(requester: DeviceRequester, all: boolean): Promise<DeviceView[]> {
      const devices = await deps.store.listDevices(all && mayManageAll(requester.role) ? undefined : requester.userId);
      return devices.map(toDeviceView);
    },

    /** Revokes a device at once: its token stops working and its push subscriptions are dropped. */
    async revoke(requester: DeviceRequester, deviceId: string): Promise<CommandResult<DeviceView>> {
      const result = await deps.store.transaction(async (tx): Promise<CommandResult<DeviceRecord>> => {
        const device = (await tx.listDevices()).find((d) => d.id === deviceId);
        if (!device || (device.userId !== requester.userId && !mayManageAll(requester.role))) {
          return { ok: false, error: { code: 'not_found', message: 'no such device', field: 'id' } };
        }
        const revokedAt = device.revokedAt ?? deps.clock.now();
        await tx.updateDevice(device.id, { revokedAt });
        await tx.deletePushSubscriptionsOfDevice(device.id);
        return { ok: true, value: { ...device, revokedAt } };
      });
      if (!result.ok) return result;
      await audit.record({ action: 'device.revoked', actorId: requester.userId, subject: { kind: 'device', id: deviceId }, details: { userId: result.value.userId } });
      await deps.onRevoked?.(result.value);
      return { ok: true, value: toDeviceView(result.value) };
    },
  };
}

/** The pairing use-cases, as `createPairing` builds them. */
export type Pairing = ReturnType<typeof createPairing>;
