/**
 * The little of `oidc-provider` (a devDependency without bundled types) that the test issuer uses.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** An account as `findAccount` answers it. */
  export interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }

  /** The provider configuration keys the test issuer sets. */
  export interface Configuration {
    clients?: Record<string, unknown>[];
    pkce?: { required?: () => boolean };
    claims?: Record<string, string[]>;
    features?: Record<string, { enabled: boolean }>;
    cookies?: { keys: string[] };
    findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined>;
  }

  /** An OpenID Connect provider. */
  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
