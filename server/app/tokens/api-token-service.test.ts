import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiTokenCreateSchema, type ApiTokenCreate } from '../../../shared/schemas/api-token.js';
import type { Role } from '../../../shared/schemas/user.js';
import { createManualClock, type ManualClock } from '../../../tests/support/manual-clock.js';
import { createStore } from '../../adapters/store/create-store.js';
import { createAuditTrail } from '../audit/audit-trail.js';
import { hashToken } from '../accounts/tokens.js';
import type { Store } from '../ports/store.js';
import { createApiTokenService, type ApiTokenService, type TokenActor } from './api-token-service.js';

let store: Store;
let clock: ManualClock;
let tokens: ApiTokenService;

const person = (id: string, role: Role) => ({ id, name: id, email: `${id}@example.com`, role, notify: [] });
const login = (id: string, role: Role): TokenActor => ({ user: person(id, role), session: { kind: 'login', expiresAt: null } });
const body = (input: Record<string, unknown>): ApiTokenCreate => ApiTokenCreateSchema.parse({ name: 'cli', expiresIn: '30d', ...input });

beforeEach(async () => {
  store = await createStore(':memory:');
  clock = createManualClock();
  for (const [id, role] of [['dan', 'responder'], ['root', 'admin']] as const) await store.upsertUser({ ...person(id, role), passwordHash: null });
  tokens = createApiTokenService({ store, clock, audit: createAuditTrail({ store, clock }) });
});
afterEach(() => store.close());

async function created(actor: TokenActor, input: Record<string, unknown>) {
  const result = await tokens.create(actor, body(input));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('API token service', () => {
  it('keeps only the hash, shows the secret once, and resolves it to a scoped session of its owner', async () => {
    const { secret, token } = await created(login('dan', 'responder'), { scopes: ['incidents:read'] });
    const stored = await store.getApiToken(token.id);
    expect(stored?.tokenHash).toBe(hashToken(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(token.prefix).toBe(secret.slice(0, 12));
    const session = await tokens.session(secret);
    expect(session).toMatchObject({ kind: 'api-token', user: { id: 'dan', role: 'responder' }, apiToken: { id: token.id, kind: 'personal', scopes: ['incidents:read'] } });
  });

  it('stops a token at its expiry, on revocation, and when its owner is deactivated', async () => {
    const a = await created(login('dan', 'responder'), { scopes: ['incidents:read'], expiresIn: '1h' });
    clock.advance(3_599_000);
    expect(await tokens.session(a.secret)).toBeDefined();
    clock.advance(1000);
    expect(await tokens.session(a.secret)).toBeUndefined();

    const b = await created(login('dan', 'responder'), { scopes: ['incidents:read'] });
    expect((await tokens.revoke(login('dan', 'responder'), b.token.id)).ok).toBe(true);
    expect(await tokens.session(b.secret)).toBeUndefined();

    const c = await created(login('dan', 'responder'), { scopes: ['incidents:read'] });
    await store.deactivateUser({ userId: 'dan', deactivatedAt: clock.now(), deactivatedBy: 'root' });
    expect(await tokens.session(c.secret)).toBeUndefined();
    expect(await tokens.session('klx_short')).toBeUndefined();
  });

  it('gives a service token its own account, with the role its scopes give', async () => {
    const admin = login('root', 'admin');
    const reader = await created(admin, { kind: 'service', scopes: ['incidents:read', 'incidents:act'] });
    expect((await tokens.session(reader.secret))?.user).toMatchObject({ id: `service.${reader.token.id}`, role: 'responder' });
    const scheduler = await created(admin, { kind: 'service', scopes: ['schedules:manage'] });
    expect((await tokens.session(scheduler.secret))?.user.role).toBe('ir-manager');
    const refused = await tokens.create(login('dan', 'responder'), body({ kind: 'service', scopes: ['ingest'] }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'kind' } });
  });

  it('refuses the admin scope to non-admins and lifetimes over a year or in the past', async () => {
    expect(await tokens.create(login('dan', 'responder'), body({ scopes: ['admin'] }))).toMatchObject({ ok: false, error: { field: 'scopes' } });
    const tooLong = new Date(clock.now().getTime() + 367 * 86_400_000).toISOString();
    expect(await tokens.create(login('dan', 'responder'), body({ expiresIn: undefined, expiresAt: tooLong, scopes: ['incidents:read'] }))).toMatchObject({ ok: false, error: { field: 'expiresAt' } });
    const past = new Date(clock.now().getTime() - 1000).toISOString();
    expect(await tokens.create(login('dan', 'responder'), body({ expiresIn: undefined, expiresAt: past, scopes: ['incidents:read'] }))).toMatchObject({ ok: false, error: { field: 'expiresAt' } });
    expect(ApiTokenCreateSchema.safeParse({ name: 'x', scopes: ['incidents:read'], expiresIn: '400d' }).success).toBe(false);
    expect(ApiTokenCreateSchema.safeParse({ name: 'x', scopes: ['incidents:read'] }).success).toBe(false);
  });

  it('lets a token create tokens only within its own scopes and lifetime; a service token none', async () => {
    const maker = await created(login('dan', 'responder'), { scopes: ['incidents:read'], expiresIn: '1d' });
    const via = await tokens.session(maker.secret);
    const actor: TokenActor = { user: via!.user, session: via! };
    expect(await tokens.create(actor, body({ scopes: ['incidents:act'], expiresIn: '1h' }))).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'scopes' } });
    expect(await tokens.create(actor, body({ scopes: ['incidents:read'], expiresIn: '2d' }))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await tokens.create(actor, body({ scopes: ['incidents:read'], expiresIn: '1h' }))).ok).toBe(true);

    const service = await created(login('root', 'admin'), { kind: 'service', scopes: ['admin'] });
    const svc = await tokens.session(service.secret);
    expect(await tokens.create({ user: svc!.user, session: svc! }, body({ scopes: ['incidents:read'] }))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lists and revokes: people their own, admins all; revocation and creation audited', async () => {
    const mine = await created(login('dan', 'responder'), { scopes: ['incidents:read'] });
    const roots = await created(login('root', 'admin'), { scopes: ['admin'] });
    expect((await tokens.list(login('dan', 'responder'))).map((t) => t.id)).toEqual([mine.token.id]);
    expect((await tokens.list(login('root', 'admin'))).map((t) => t.id).sort()).toEqual([mine.token.id, roots.token.id].sort());
    expect(await tokens.revoke(login('dan', 'responder'), roots.token.id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await tokens.revoke(login('root', 'admin'), mine.token.id)).ok).toBe(true);
    expect(await tokens.revoke(login('root', 'admin'), mine.token.id)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const audit = await store.listAuditEvents({ subjectKind: 'api-token', limit: 10 });
    expect(audit.map((e) => e.action).sort()).toEqual(['token.created', 'token.created', 'token.revoked']);
    expect(JSON.stringify(audit)).not.toContain(mine.secret);
  });
});
