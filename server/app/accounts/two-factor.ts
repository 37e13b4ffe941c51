import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { TwoFactorEnrolment, TwoFactorStatus } from '../../../shared/schemas/two-factor.js';
import type { AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { SecretBox } from '../ports/secret-box.js';
import type { StoreSession, UserRecord } from '../ports/store.js';
import { verifyPassword } from './password.js';

const PERIOD_SECONDS = 30;
const RECOVERY_CODES = 10;
// Unambiguous letters and digits for recovery codes (no 0/o, 1/l/i).
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Why a second-factor command was refused, with the HTTP status and the field it is about. */
export class TwoFactorRefusal extends Error {
  override readonly name = 'TwoFactorRefusal';

  /** Builds the refusal. */
  constructor(
    readonly status: 400 | 401 | 404 | 409,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Checks a second factor at sign-in (what `createLogin` needs). */
export interface SecondFactorCheck {
  /** Whether the person has a confirmed second factor. */
  enrolled(userId: string): Promise<boolean>;
  /** True when `code` is a current TOTP code not used before, or an unused recovery code (then used up). */
  verify(userId: string, code: string): Promise<boolean>;
}

/** The TOTP second factor of local accounts: enrolment, confirmation, sign-in checks, turning off. */
export interface TwoFactor extends SecondFactorCheck {
  status(userId: string): Promise<TwoFactorStatus>;
  /** Starts (or restarts) an enrolment after checking the password again. */
  begin(user: UserRecord, password: string, address: string | null): Promise<TwoFactorEnrolment>;
  /** Confirms with the first code; answers the recovery codes (shown once). */
  confirm(user: UserRecord, code: string, address: string | null): Promise<string[]>;
  /** Turns it off with the password and a code. */
  disable(user: UserRecord, password: string, code: string, address: string | null): Promise<void>;
  /** An administrator removes someone's second factor (a lost phone); audited. */
  reset(adminId: string, userId: string, address: string | null): Promise<void>;
}

/** The SHA-256 of a recovery code as typed (case and dash do not matter). */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase().replace('-', ''), 'utf8').digest('hex');
}

function newRecoveryCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

const sealContext = (userId: string) => `totp:${userId}`;

/**
 * Creates the TOTP second factor over the store. The secret is sealed with the relay's secret box
 * (`KLAXON_SECRET_KEY`): without a key, enrolment is refused and nobody has a second factor to check.
 * A code is accepted within one period either side of now, and each time step only once (the store
 * keeps the last accepted step, compared and set in one statement), so a code seen over a shoulder
 * cannot be replayed. Recovery codes are kept as SHA-256 and each works once.
 */
export function createTwoFactor(deps: {
  store: Pick<StoreSession, 'getTotp' | 'putPendingTotp' | 'confirmTotp' | 'acceptTotpStep' | 'useTotpRecoveryCode' | 'deleteTotp'>;
  clock: Clock;
  box: SecretBox;
  audit: AuditTrail;
  /** The issuer name the authenticator app shows. */
  issuer?: string;
}): TwoFactor {
  const { store, clock, box, audit } = deps;
  const issuer = deps.issuer ?? 'Klaxon';

  const totpOf = (secret: string, label: string) =>
    new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });

  /** The time step the code belongs to, or undefined when it is not a code of now ± one period. */
  function stepOf(secret: string, code: string): number | undefined {
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) return undefined;
    const now = clock.now().getTime();
    const delta = totpOf(secret, '').validate({ token: digits, timestamp: now, window: 1 });
    if (delta === null) return undefined;
    return Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  }

  function openSecret(userId: string, sealed: string): string | undefined {
    try {
      return box.open(sealed, sealContext(userId));
    } catch {
      return undefined;
    }
  }

  async function verify(userId: string, code: string): Promise<boolean> {
    const record = await store.getTotp(userId);
    if (!record || record.confirmedAt === null) return false;
    const secret = openSecret(userId, record.secretSealed);
    const step = secret === undefined ? undefined : stepOf(secret, code);
    if (step !== undefined) return store.acceptTotpStep(userId, step);
    if (!/^[a-z0-9]{4}-?[a-z0-9]{4}$/i.test(code.trim())) return false;
    const used = await store.useTotpRecoveryCode(userId, recoveryCodeHash(code));
    if (used) {
      await audit.record({ action: 'auth.totp-recovery-used', actorId: userId, subject: { kind: 'user', id: userId }, details: { left: record.recoveryHashes.length - 1 } });
    }
    return used;
  }

  async function checkPassword(user: UserRecord, password: string): Promise<void> {
    if (user.passwordHash === null || !(await verifyPassword(password, user.passwordHash))) {
      throw new TwoFactorRefusal(401, 'the password is not right', 'password');
    }
  }

  return {
    async enrolled(userId) {
      const record = await store.getTotp(userId);
      return record !== undefined && record.confirmedAt !== null;
    },
    verify,
    async status(userId) {
      const record = await store.getTotp(userId);
      return {
        enabled: record?.confirmedAt != null,
        pending: record !== undefined && record.confirmedAt === null,
        confirmedAt: record?.confirmedAt?.toISOString() ?? null,
        recoveryCodesLeft: record?.confirmedAt ? record.recoveryHashes.length : 0,
        available: box.ready,
      };
    },
    async begin(user, password, address) {
      if (user.passwordHash === null) throw new TwoFactorRefusal(409, 'a second factor is for accounts that sign in with a password');
      await checkPassword(user, password);
      if (!box.ready) throw new TwoFactorRefusal(409, 'two-factor sign-in needs KLAXON_SECRET_KEY on the relay (ask an administrator)');
      const secret = new Secret({ size: 20 }).base32;
      const stored = await store.putPendingTotp({
        userId: user.id,
        secretSealed: box.seal(secret, sealContext(user.id)),
        createdAt: clock.now(),
        confirmedAt: null,
        lastStep: 0,
        recoveryHashes: [],
      });
      if (!stored) throw new TwoFactorRefusal(409, 'two-factor sign-in is on already: turn it off first to enrol a new authenticator');
      void address;
      return { secret, uri: totpOf(secret, user.email || user.id).toString() };
    },
    async confirm(user, code, address) {
      const record = await store.getTotp(user.id);
      if (!record) throw new TwoFactorRefusal(404, 'no enrolment was started');
      if (record.confirmedAt !== null) throw new TwoFactorRefusal(409, 'two-factor sign-in is on already');
      const secret = openSecret(user.id, record.secretSealed);
      const step = secret === undefined ? undefined : stepOf(secret, code);
      if (step === undefined) throw new TwoFactorRefusal(400, 'that code is not the current one: check the app and the phone\'s clock', 'code');
      const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
      if (!(await store.confirmTotp(user.id, clock.now(), step, codes.map(recoveryCodeHash)))) {
        throw new TwoFactorRefusal(409, 'two-factor sign-in is on already');
      }
      await audit.record({ action: 'auth.totp-enrolled', actorId: user.id, address, subject: { kind: 'user', id: user.id } });
      return codes;
    },
    async disable(user, password, code, address) {
      await checkPassword(user, password);
      if (!(await verify(user.id, code))) throw new TwoFactorRefusal(400, 'that code is not right (or was used already)', 'code');
      await store.deleteTotp(user.id);
      await audit.record({ action: 'auth.totp-disabled', actorId: user.id, address, subject: { kind: 'user', id: user.id } });
    },
    async reset(adminId, userId, address) {
      if (!(await store.deleteTotp(userId))) throw new TwoFactorRefusal(404, `${userId} has no second factor`);
      await audit.record({ action: 'auth.totp-reset', actorId: adminId, address, subject: { kind: 'user', id: userId } });
    },
  };
}
