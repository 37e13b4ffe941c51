import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './relay-process.js';

/** A person the test issuer knows; they log in with `sub` as the name and any password (the dev login page). */
export interface IssuerAccount {
  sub: string;
  email: string;
  name: string;
  preferredUsername: string;
  groups: string[];
  emailVerified?: boolean;
}

/** A real OpenID Connect issuer (oidc-provider) on a free loopback port, for tests. */
export interface TestIssuer {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  close(): Promise<void>;
}

/**
 * Starts `oidc-provider` as the issuer the relay signs in against: one confidential client with the
 * given redirect URIs, PKCE required (the provider takes S256 only), the dev interaction pages (login
 * with any password, then consent), and accounts by login name whose `groups` claim comes with the
 * `groups` scope.
 */
export async function startTestIssuer(options: { redirectUris: string[]; accounts: IssuerAccount[] }): Promise<TestIssuer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const clientId = 'klaxon-test';
  const clientSecret = 'test-client-secret-0123456789';
  // The dev login page's login name is the account id, which oidc-provider makes the subject.
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]));
  const provider = new Provider(url, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'], groups: ['groups'] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['klaxon-test-issuer-cookie-key'] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: account.sub,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          name: account.name,
          preferred_username: account.preferredUsername,
          groups: account.groups,
        }),
      };
    },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
