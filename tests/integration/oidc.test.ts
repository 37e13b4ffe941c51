import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/schemas/audit.js';
import type { LoginResponse, User } from '../../shared/schemas/user.js';
import { codeOf, OidcBrowser, signInThroughIssuer, verifierPair } from '../support/oidc-browser.js';
import { startTestIssuer, type TestIssuer } from '../support/oidc-issuer.js';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient } from '../support/schedule-client.js';
import { writeTestConfig } from '../support/test-config.js';

let issuer: TestIssuer;
/** Just-in-time users on, password sign-in on. */
let open: RelayProcess;
/** Just-in-time users off, SSO only with `root` as break-glass. */
let strict: RelayProcess;

const ACCOUNTS = [
  { sub: 'idp-alice', email: 'alice@contoso.example', name: 'Alice Jones', preferredUsername: 'alice', groups: ['staff', 'soc-managers'] },
  { sub: 'idp-bob', email: 'bob@example.com', name: 'Bob from the IdP', preferredUsername: 'bobby', groups: ['klaxon-admins'] },
  { sub: 'idp-mallory', email: 'mallory@contoso.example', name: 'Mallory', preferredUsername: 'mallory', groups: ['marketing'] },
  { sub: 'idp-zoe', email: 'zoe@contoso.example', name: 'Zoe', preferredUsername: 'zoe', groups: ['soc'] },
];

function relayConfig(options: { jitUsers: boolean; ssoOnly: boolean; relayUrl: string }): string {
  return writeTestConfig((doc) => {
    doc.users!.push({ id: 'root', name: 'Root Admin', email: 'root@example.com', role: 'admin', password: 'change-me-root', notify: [] });
    doc.auth = {
      oidc: {
        issuer: issuer.url,
        providerName: 'Contoso ID',
        clientId: issuer.clientId,
        clientSecretEnv: 'KLAXON_TEST_OIDC_SECRET',
        scopes: ['openid', 'profile', 'email', 'groups'],
        redirectBase: options.relayUrl,
        roles: [
          { group: 'klaxon-admins', role: 'admin' },
          { group: 'soc-managers', role: 'ir-manager' },
          { group: 'soc', role: 'triage-analyst' },
        ],
        jitUsers: options.jitUsers,
        ssoOnly: options.ssoOnly,
        breakGlassUsers: ['root'],
      },
    };
  });
}

async function exchange(relay: RelayProcess, body: unknown): Promise<{ status: number; body: LoginResponse & { error?: string; field?: string } }> {
  const answer = await fetch(`${relay.url}/api/v1/auth/oidc/exchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: answer.status, body: (await answer.json()) as LoginResponse & { error?: string; field?: string } };
}

async function me(relay: RelayProcess, token: string): Promise<{ status: number; user: User }> {
  const answer = await fetch(`${relay.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: answer.status, user: (await answer.json()) as User };
}

/** Signs `login` in through the issuer and exchanges the code; answers the session. */
async function ssoSession(relay: RelayProcess, login: string): Promise<LoginResponse> {
  const { verifier, challenge } = verifierPair();
  const hop = await signInThroughIssuer(new OidcBrowser(), relay.url, login, { challenge });
  expect(hop.status, hop.body.slice(0, 300)).toBe(302);
  expect(hop.location).toMatch(new RegExp(`^${relay.url}/#/\\?sso=`));
  const answer = await exchange(relay, { code: codeOf(hop.location!), verifier });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

/** Checks that an error page is readable and leaks nothing. */
function expectReadablePage(body: string, text: RegExp): void {
  expect(body).toMatch(text);
  expect(body).not.toMatch(/\n\s+at |stack|test-client-secret/i);
}

beforeAll(async () => {
  const [openPort, strictPort] = await Promise.all([freePort(), freePort()]);
  const openUrl = `http://127.0.0.1:${openPort}`;
  const strictUrl = `http://127.0.0.1:${strictPort}`;
  issuer = await startTestIssuer({ redirectUris: [`${openUrl}/api/v1/auth/oidc/callback`, `${strictUrl}/api/v1/auth/oidc/callback`], accounts: ACCOUNTS });
  const env = { KLAXON_TEST_OIDC_SECRET: issuer.clientSecret };
  [open, strict] = await Promise.all([
    startRelayProcess({ port: openPort, env: { ...env, KLAXON_CONFIG: relayConfig({ jitUsers: true, ssoOnly: false, relayUrl: openUrl }) } }),
    startRelayProcess({ port: strictPort, env: { ...env, KLAXON_CONFIG: relayConfig({ jitUsers: false, ssoOnly: true, relayUrl: strictUrl }) } }),
  ]);
}, 90_000);

afterAll(async () => {
  for (const relay of [open, strict]) {
    const dir = relay?.dataDir;
    await relay?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  await issuer?.close();
});

describe('single sign-on through a real OpenID Connect issuer', () => {
  it('signs a new person in with the role their group maps to, as a session that calls /api/v1/me', async () => {
    const session = await ssoSession(open, 'idp-alice');
    expect(session.user).toMatchObject({ id: 'alice', name: 'Alice Jones', email: 'alice@contoso.example', role: 'ir-manager' });
    const whoami = await me(open, session.token);
    expect(whoami.status).toBe(200);
    expect(whoami.user.role).toBe('ir-manager');
    // The same identity signs in as the same user again (no alice-2).
    expect((await ssoSession(open, 'idp-alice')).user.id).toBe('alice');
  });

  it('links a known user by the e-mail the issuer verified, and sets the mapped role', async () => {
    const session = await ssoSession(open, 'idp-bob');
    expect(session.user).toMatchObject({ id: 'bob', role: 'admin' });
  });

  it('hands the desktop a klaxon:// link whose code only the verifier of its challenge exchanges, once', async () => {
    const { verifier, challenge } = verifierPair();
    const hop = await signInThroughIssuer(new OidcBrowser(), open.url, 'idp-zoe', { client: 'desktop', challenge });
    expect(hop.status).toBe(200);
    const link = /href="(klaxon:\/\/auth\?code=[^"]+)"/.exec(hop.body)?.[1];
    expect(link).toBeDefined();
    expect(hop.body).not.toMatch(/"token"|Bearer/);
    const code = codeOf(link!)!;
    expect((await exchange(open, { code, verifier: verifierPair().verifier })).status).toBe(401);
    // A wrong verifier spends the code: the right one comes too late.
    expect((await exchange(open, { code, verifier })).status).toBe(401);

    const second = verifierPair();
    const again = await signInThroughIssuer(new OidcBrowser(), open.url, 'idp-zoe', { client: 'desktop', challenge: second.challenge });
    const code2 = codeOf(/href="(klaxon:[^"]+)"/.exec(again.body)![1]!)!;
    const session = await exchange(open, { code: code2, verifier: second.verifier });
    expect(session.status).toBe(200);
    expect(session.body.user.role).toBe('triage-analyst');
    expect((await exchange(open, { code: code2, verifier: second.verifier })).status).toBe(401);
  });

  it('sends the phone app back to /m/ with its code', async () => {
    const { challenge } = verifierPair();
    const hop = await signInThroughIssuer(new OidcBrowser(), open.url, 'idp-zoe', { client: 'phone', challenge });
    expect(hop.location).toMatch(new RegExp(`^${open.url}/m/#sso=[A-Za-z0-9_-]{43}$`));
  });

  it('refuses a person in no mapped group, with a readable page', async () => {
    const hop = await signInThroughIssuer(new OidcBrowser(), open.url, 'idp-mallory', { challenge: verifierPair().challenge });
    expect(hop.status).toBe(403);
    expectReadablePage(hop.body, /No Klaxon role/);
  });

  it('refuses a bad, replayed or foreign state', async () => {
    const bogus = await new OidcBrowser().request(`${open.url}/api/v1/auth/oidc/callback?code=abc&state=forged`);
    expect(bogus.status).toBe(400);
    expectReadablePage(bogus.body, /unknown or was used already/);

    // A callback opened in another browser (no state cookie) is refused, and the state is spent.
    const browser = new OidcBrowser();
    const toRelay = (location: string) => location.includes('/api/v1/auth/oidc/callback');
    const login = await browser.follow(`${open.url}/api/v1/auth/oidc/start?client=console&challenge=${verifierPair().challenge}`, {}, toRelay);
    const consent = await browser.submit(login, { prompt: 'login', login: 'idp-zoe', password: 'x' }, toRelay);
    const back = await browser.submit(consent, { prompt: 'consent' }, toRelay);
    expect(back.location).toContain('/api/v1/auth/oidc/callback');
    const elsewhere = await new OidcBrowser().request(back.location!);
    expect(elsewhere.status).toBe(400);
    expectReadablePage(elsewhere.body, /another browser/);
    const replay = await browser.request(back.location!);
    expect(replay.status).toBe(400);
  });

  it('shows a cancelled sign-in as such', async () => {
    const browser = new OidcBrowser();
    const stop = (location: string) => location.startsWith(open.url) && !location.includes('/callback');
    const login = await browser.follow(`${open.url}/api/v1/auth/oidc/start?client=console&challenge=${verifierPair().challenge}`, {}, stop);
    const abort = /href="([^"]*\/abort)"/.exec(login.body)?.[1];
    expect(abort).toBeDefined();
    const hop = await browser.follow(new URL(abort!, login.url).href, {}, stop);
    expect(hop.status).toBe(403);
    expectReadablePage(hop.body, /Sign-in cancelled/);
  });

  it('refuses malformed start and exchange input naming the field', async () => {
    const badClient = await fetch(`${open.url}/api/v1/auth/oidc/start?client=toaster&challenge=${verifierPair().challenge}`);
    expect(badClient.status).toBe(400);
    expect(await badClient.text()).toContain('client');
    const noChallenge = await fetch(`${open.url}/api/v1/auth/oidc/start?client=console`);
    expect(noChallenge.status).toBe(400);
    expect(await noChallenge.text()).toContain('challenge');
    const short = await exchange(open, { code: 'x', verifier: verifierPair().verifier });
    expect(short.status).toBe(400);
    expect(short.body.field).toBe('code');
    const huge = await exchange(open, { code: 'a'.repeat(43), verifier: 'b'.repeat(2_000_000) });
    expect([400, 413]).toContain(huge.status);
    const extra = await exchange(open, { code: 'a'.repeat(43), verifier: 'b'.repeat(43), token: 'x' });
    expect(extra.status).toBe(400);
  });

  it('tells the sign-in pages which methods there are', async () => {
    expect(await (await fetch(`${open.url}/api/v1/auth/methods`)).json()).toEqual({ password: true, sso: { providerName: 'Contoso ID' } });
    expect(await (await fetch(`${strict.url}/api/v1/auth/methods`)).json()).toEqual({ password: false, sso: { providerName: 'Contoso ID' } });
  });
  it('audits SSO sign-ins and refusals', async () => {
    const root = await signInClient(open.url, 'root');
    const { body } = await root.call('GET', '/api/v1/audit?action=auth.sso-login&limit=50');
    const entries = (body as AuditPage).events;
    expect(entries.some((e) => e.actorId === 'alice' && e.details.issuer === issuer.url && e.details.role === 'ir-manager')).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(issuer.clientSecret);
    const refused = await root.call('GET', '/api/v1/audit?action=auth.sso-refused&limit=50');
    expect((refused.body as AuditPage).events.some((e) => e.details.refusal === 'no-role' && e.details.subject === 'idp-mallory')).toBe(true);
  });
});

describe('just-in-time users off and SSO only', () => {
  it('refuses a person Klaxon does not know', async () => {
    const hop = await signInThroughIssuer(new OidcBrowser(), strict.url, 'idp-alice', { challenge: verifierPair().challenge });
    expect(hop.status).toBe(403);
    expectReadablePage(hop.body, /No Klaxon account/);
  });

  it('still signs in a known user linked by verified e-mail', async () => {
    const session = await ssoSession(strict, 'idp-bob');
    expect((await me(strict, session.token)).user).toMatchObject({ id: 'bob', role: 'admin' });
  });

  it('refuses password sign-in with 403 except for the break-glass user', async () => {
    const refused = await fetch(`${strict.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ann', password: 'change-me-ann' }) });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/password sign-in is turned off here: sign in with Contoso ID/);
    const root = await signInClient(strict.url, 'root');
    const { body } = await root.call('GET', '/api/v1/audit?action=auth.password-refused');
    expect((body as AuditPage).events.some((e) => e.details.username === 'ann')).toBe(true);
  });
});
