import { API_TOKEN_PREFIX } from '../../../shared/schemas/api-token.js';
import type { Accounts } from '../accounts/accounts.js';
import type { Session } from '../accounts/session.js';
import type { ApiTokenService } from './api-token-service.js';

/**
 * Wraps the accounts so that API tokens (`klx_…`) are known too: their session has the kind
 * `api-token`, which the HTTP guard limits to the token's scopes (`token-scope.ts`) and which the
 * sockets refuse (`/console` takes login tokens only). An API token cannot sign out: it is revoked
 * through `POST /api/v1/tokens/:id/revoke`. Every other token goes to the wrapped accounts.
 */
export function withApiTokens(accounts: Accounts, tokens: Pick<ApiTokenService, 'session'>): Accounts {
  const session = (token: string): Promise<Session | undefined> =>
    token.startsWith(API_TOKEN_PREFIX) ? tokens.session(token) : accounts.session(token);
  return {
    login: (request) => accounts.login(request),
    attempt: (request) => accounts.attempt(request),
    async logout(token) {
      if (!token.startsWith(API_TOKEN_PREFIX)) await accounts.logout(token);
    },
    authenticate: async (token) => (await session(token))?.user,
    session,
    ends: accounts.ends,
  };
}
