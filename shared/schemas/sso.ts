import { z } from 'zod';

/** Where a single sign-on started and where it returns: the console, the phone app or the desktop shell. */
export const SsoClientSchema = z.enum(['console', 'phone', 'desktop']);
export type SsoClient = z.infer<typeof SsoClientSchema>;

/** A PKCE-style S256 challenge or verifier: 43 base64url characters (32 bytes). */
const Base64Url43 = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'use 43 base64url characters (32 random bytes)');

/**
 * The query of `GET /api/v1/auth/oidc/start`: which client signs in, and the S256 challenge of a
 * verifier that client keeps, so that only it can exchange the hand-off code the sign-in ends with.
 */
export const SsoStartQuerySchema = z
  .object({
    client: SsoClientSchema,
    challenge: Base64Url43,
  })
  .strict();
export type SsoStartQuery = z.infer<typeof SsoStartQuerySchema>;

/** The body of `POST /api/v1/auth/oidc/exchange`: the one-time hand-off code and the verifier of its challenge. */
export const SsoExchangeSchema = z
  .object({
    code: Base64Url43,
    verifier: Base64Url43,
  })
  .strict();
export type SsoExchange = z.infer<typeof SsoExchangeSchema>;

/** `GET /api/v1/auth/methods`: how people may sign in at this relay. */
export const AuthMethodsSchema = z.object({
  password: z.boolean(),
  sso: z.object({ providerName: z.string() }).nullable(),
});
export type AuthMethods = z.infer<typeof AuthMethodsSchema>;
