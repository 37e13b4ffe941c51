import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../../tests/support/manual-clock.js';
import { createSecretBox } from '../../adapters/connectwise/secret-box.js';
import { createStore } from '../../adapters/store/create-store.js';
import { createAuditTrail } from '../audit/audit-trail.js';
import type { Store, UserRecord } from '../ports/store.js';
import { createAccounts } from './accounts.js';
import { hashPassword } from './password.js';
import { createTwoFactor, recoveryCodeHash, TwoFactorRefusal, type TwoFactor } from './two-factor.js';

let store: Store;
let clock: ManualClock;
let twoFactor: TwoFactor;
let ann: UserRecord;

const codeAt = (secret: string, at: Date) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

beforeEach(async () => {
  store = await createStore(':memory:');
  clock = createManualClock(new Date('2026-12-01T10:00:05Z'));
  ann = { id: 'ann', name: 'Ann', email: 'ann@example.com', role: 'ir-manager', notify: [], passwordHash: await hashPassword('pw-ann-1234') };
  await store.upsertUser(ann);
  twoFactor = createTwoFactor({ store, clock, box: createSecretBox(randomBytes(32)), audit: createAuditTrail({ store, clock }) });
});
afterEach(() => store.close());

async function enrolled(): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = await twoFactor.begin(ann, 'pw-ann-1234', null);
  const recoveryCodes = await twoFactor.confirm(ann, codeAt(secret, clock.now()), null);
  return { secret, recoveryCodes };
}

describe('TOTP second factor', () => {
  it('enrols with the password and the first code, keeping the secret sealed and the recovery codes hashed', async () => {
    expect(await twoFactor.status('ann')).toMatchObject({ enabled: false, pending: false, available: true });
    const { secret, uri } = await twoFactor.begin(ann, 'pw-ann-1234', null);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Klaxon:ann%40example\.com\?.*secret=/);
    expect(await twoFactor.status('ann')).toMatchObject({ enabled: false, pending: true });
    const stored = await store.getTotp('ann');
    expect(stored?.secretSealed).not.toContain(secret);

    const codes = await twoFactor.confirm(ann, codeAt(secret, clock.now()), null);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const after = await store.getTotp('ann');
    expect(after?.recoveryHashes).toEqual(codes.map(recoveryCodeHash));
    expect(JSON.stringify(after)).not.toContain(codes[0]);
    expect(await twoFactor.status('ann')).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10 });
  });

  it('refuses a wrong password, a wrong first code, and a second enrolment over a confirmed one', async () => {
    await expect(twoFactor.begin(ann, 'wrong', null)).rejects.toMatchObject({ status: 401, field: 'password' });
    const { secret } = await twoFactor.begin(ann, 'pw-ann-1234', null);
    clock.advance(5 * 60_000);
    await expect(twoFactor.confirm(ann, codeAt(secret, new Date(clock.now().getTime() - 5 * 60_000)), null)).rejects.toMatchObject({ status: 400, field: 'code' });
    await twoFactor.confirm(ann, codeAt(secret, clock.now()), null);
    await expect(twoFactor.begin(ann, 'pw-ann-1234', null)).rejects.toBeInstanceOf(TwoFactorRefusal);
  });

  it('accepts a code within one period either side, and each time step only once (no replay)', async () => {
    const { secret } = await enrolled();
    clock.advance(30_000);
    const now = codeAt(secret, clock.now());
    expect(await twoFactor.verify('ann', now)).toBe(true);
    expect(await twoFactor.verify('ann', now)).toBe(false);
    // The previous step's code is older than the one just used: refused although within the window.
    expect(await twoFactor.verify('ann', codeAt(secret, new Date(clock.now().getTime() - 30_000)))).toBe(false);
    clock.advance(30_000);
    expect(await twoFactor.verify('ann', codeAt(secret, new Date(clock.now().getTime() + 30_000)))).toBe(true);
    clock.advance(120_000);
    expect(await twoFactor.verify('ann', codeAt(secret, new Date(clock.now().getTime() - 90_000)))).toBe(false);
    expect(await twoFactor.verify('ann', '000000')).toBe(false);
  });

  it('takes each recovery code once, whatever its case or dash', async () => {
    const { recoveryCodes } = await enrolled();
    const code = recoveryCodes[3]!;
    expect(await twoFactor.verify('ann', code.toUpperCase().replace('-', ''))).toBe(true);
    expect(await twoFactor.verify('ann', code)).toBe(false);
    expect(await twoFactor.status('ann')).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it('turns off with the password and a code; an admin reset removes it; both are audited', async () => {
    const { secret } = await enrolled();
    clock.advance(30_000);
    await expect(twoFactor.disable(ann, 'pw-ann-1234', '123456', null)).rejects.toMatchObject({ status: 400, field: 'code' });
    await twoFactor.disable(ann, 'pw-ann-1234', codeAt(secret, clock.now()), null);
    expect(await twoFactor.enrolled('ann')).toBe(false);
    await enrolled();
    await twoFactor.reset('root', 'ann', '10.0.0.9');
    expect(await twoFactor.enrolled('ann')).toBe(false);
    await expect(twoFactor.reset('root', 'ann', null)).rejects.toMatchObject({ status: 404 });
    const actions = (await store.listAuditEvents({ limit: 50 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.totp-enrolled', 'auth.totp-disabled', 'auth.totp-reset']));
  });

  it('refuses enrolment when the relay has no secret key', async () => {
    const keyless = createTwoFactor({ store, clock, box: createSecretBox(undefined), audit: createAuditTrail({ store, clock }) });
    expect(await keyless.status('ann')).toMatchObject({ available: false });
    await expect(keyless.begin(ann, 'pw-ann-1234', null)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('KLAXON_SECRET_KEY') });
  });

  it('makes login ask for the code, refuse a wrong one, and sign in with the right one', async () => {
    const { secret } = await enrolled();
    const accounts = createAccounts({ store, clock, tokenTtlSeconds: 3600, secondFactor: twoFactor });
    expect(await accounts.attempt({ username: 'ann', password: 'pw-ann-1234' })).toEqual({ kind: 'code-needed' });
    expect(await accounts.attempt({ username: 'ann', password: 'wrong', totp: codeAt(secret, clock.now()) })).toEqual({ kind: 'invalid' });
    clock.advance(30_000);
    expect(await accounts.attempt({ username: 'ann', password: 'pw-ann-1234', totp: '111111' })).toEqual({ kind: 'code-invalid' });
    // Without the code, the plain login never signs in an account that has a second factor.
    expect(await accounts.login({ username: 'ann', password: 'pw-ann-1234' })).toBeUndefined();
    const outcome = await accounts.attempt({ username: 'ann', password: 'pw-ann-1234', totp: codeAt(secret, clock.now()) });
    expect(outcome).toMatchObject({ kind: 'signed-in', response: { user: { id: 'ann' } } });
  });
});
