/** What went wrong talking to the issuer: the person said no, the issuer could not be reached, or its answer failed a check. */
export type OidcFailureKind = 'denied' | 'unreachable' | 'invalid';

/** A failed step with the issuer; `message` is safe to show and to log (no tokens, no secrets). */
export class OidcFailure extends Error {
  override readonly name = 'OidcFailure';

  /** Builds the failure of `kind` with a readable message. */
  constructor(
    readonly kind: OidcFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What the relay asks of an OpenID Connect issuer (authorization code flow with PKCE). */
export interface OidcIssuer {
  /** The address to send the browser to; throws `OidcFailure` ('unreachable') when discovery fails. */
  authorizationUrl(request: { redirectUri: string; state: string; nonce: string; codeChallenge: string }): Promise<URL>;
  /**
   * Exchanges the code the issuer returned with (the callback's query) and checks the answer: state,
   * issuer, audience, nonce, signature and PKCE. Answers the issuer's identifier and the person's
   * claims (ID token, completed from userinfo); throws `OidcFailure` otherwise.
   */
  exchange(request: {
    redirectUri: string;
    query: URLSearchParams;
    state: string;
    nonce: string;
    codeVerifier: string;
  }): Promise<{ issuer: string; claims: Record<string, unknown> }>;
}
