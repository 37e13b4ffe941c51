import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/store/create-store.js';
import { createManualClock, type ManualClock } from '../../../tests/support/manual-clock.js';
import type { AuditEvent } from '../ports/audit.js';
import type { Store } from '../ports/store.js';
import { createDeviceAuth, isDeviceToken } from './device-tokens.js';
import { createPairing, normalizePairingCode } from './pairing.js';

let store: Store;
let clock: ManualClock;

beforeEach(async () => {
  store = await createStore(':memory:');
  clock = createManualClock(new Date('2030-01-01T00:00:00Z'));
  for (const id of ['ana', 'ben']) {
    await store.upsertUser({ id, name: id, email: `${id}@example.com`, role: 'responder', notify: [], passwordHash: null });
  }
});
afterEach(() => store.close());

describe('pairing', () => {
  it('turns a one-time code into a device token of its owner, once and within ten minutes', async () => {
    const pairing = createPairing({ store, clock });
    const auth = createDeviceAuth({ store, clock });
    const { code, expiresAt } = await pairing.createCode('ana');
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(expiresAt).toBe('2030-01-01T00:10:00.000Z');

    const paired = await pairing.pairWithCode(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`, 'Pixel');
    expect(paired.ok).toBe(true);
    if (!paired.ok) return;
    expect(isDeviceToken(paired.value.token)).toBe(true);
    expect((await auth.authenticate(paired.value.token))?.user.id).toBe('ana');
    expect((await pairing.pairWithCode(code, 'Again')).ok).toBe(false);

    const late = await pairing.createCode('ana');
    clock.advance(600_000);
    expect(await pairing.pairWithCode(late.code, 'Late')).toMatchObject({ ok: false, error: { field: 'code' } });
  });

  it('lets people revoke their own devices (managers anyone\'s), which ends the token and its push subscriptions', async () => {
    const pairing = createPairing({ store, clock });
    const auth = createDeviceAuth({ store, clock });
    const mine = await pairing.registerSignedIn({ id: 'ana', name: 'ana', email: 'ana@example.com', role: 'responder', notify: [] }, 'Phone');
    await store.savePushSubscription({
      endpoint: 'https://push.example/1',
      userId: 'ana',
      deviceId: mine.device.id,
      keys: { p256dh: `B${'a'.repeat(86)}`, auth: 'b'.repeat(22) },
      createdAt: clock.now(),
    });
    expect(await pairing.revoke({ userId: 'ben', role: 'responder' }, mine.device.id)).toMatchObject({ ok: false });
    expect(await pairing.list({ userId: 'ben', role: 'responder' }, true)).toEqual([]);
    expect((await pairing.list({ userId: 'ben', role: 'ir-manager' }, true)).map((d) => d.id)).toEqual([mine.device.id]);

    const revoked = await pairing.revoke({ userId: 'ana', role: 'responder' }, mine.device.id);
    expect(revoked).toMatchObject({ ok: true, value: { revokedAt: '2030-01-01T00:00:00.000Z' } });
    expect(await auth.authenticate(mine.token)).toBeUndefined();
    expect(await store.listPushSubscriptions('ana')).toEqual([]);
  });

  it('normalizes typed codes and records when a device was last seen, at most once a minute', async () => {
    expect(normalizePairingCode(' abcd-efgh ')).toBe('ABCDEFGH');
    const pairing = createPairing({ store, clock });
    const auth = createDeviceAuth({ store, clock });
    const { token, device } = await pairing.registerSignedIn({ id: 'ben', name: 'ben', email: 'ben@example.com', role: 'responder', notify: [] }, 'P');
    await auth.authenticate(token);
    clock.advance(30_000);
    await auth.authenticate(token);
    expect((await store.listDevices('ben'))[0]?.lastSeenAt?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    clock.advance(30_000);
    await auth.authenticate(token);
    expect((await store.listDevices('ben'))[0]?.lastSeenAt?.toISOString()).toBe('2030-01-01T00:01:00.000Z');
    expect(device.lastSeenAt).toBeNull();
    expect(await auth.authenticate('kxd_unknown')).toBeUndefined();
    expect(await auth.authenticate('not-a-device-token')).toBeUndefined();
  });
});

describe('pairing audit', () => {
  it('records pairing codes made, phones paired (by code or password) and revoked, with no secret', async () => {
    const events: AuditEvent[] = [];
    const pairing = createPairing({ store, clock, audit: { record: async (event) => void events.push(event) } });
    const { code } = await pairing.createCode('ana');
    const byCode = await pairing.pairWithCode(code, 'Pixel');
    const byPassword = await pairing.registerSignedIn({ id: 'ben', name: 'ben', email: 'ben@example.com', role: 'responder', notify: [] }, 'P');
    if (!byCode.ok) throw new Error('pairing failed');
    await pairing.revoke({ userId: 'ana', role: 'responder' }, byCode.value.device.id);
    expect(events.map((e) => [e.action, e.actorId, e.details?.how ?? e.details?.kind ?? null])).toEqual([
      ['token.created', 'ana', 'pairing-code'],
      ['device.paired', 'ana', 'code'],
      ['device.paired', 'ben', 'password'],
      ['device.revoked', 'ana', null],
    ]);
    const text = JSON.stringify(events);
    for (const secret of [code, byCode.value.token, byPassword.token]) expect(text).not.toContain(secret);
  });
});
