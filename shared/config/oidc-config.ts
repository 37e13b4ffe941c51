import { z } from 'zod';
import { SlugSchema } from '../schemas/common.js';
import { RoleSchema } from '../schemas/user.js';

/** An environment variable name that holds a secret. */
const EnvNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'use an environment variable name such as KLAXON_OIDC_CLIENT_SECRET');

/** An absolute http(s) URL without a fragment. */
const HttpUrlSchema = z
  .url({ protocol: /^https?$/, error: 'use an http(s) URL' })
  .refine((u) => !u.includes('#'), 'use a URL without a fragment');

/** One line of the group-to-role mapping: people in `group` get `role` (the first matching line wins). */
export const OidcRoleRuleSchema = z.object({
  group: z.string().min(1).max(500),
  role: RoleSchema,
});
export type OidcRoleRule = z.infer<typeof OidcRoleRuleSchema>;

/**
 * Single sign-on with an OpenID Connect issuer (Entra ID, Okta, Keycloak…): authorization code with
 * PKCE. The client secret is never written in the file: name an environment variable or a file.
 */
export const OidcConfigSchema = z
  .object({
    /** The issuer URL; its `/.well-known/openid-configuration` is read on the first sign-in. */
    issuer: HttpUrlSchema,
    /** What the sign-in button says: "Sign in with <providerName>". */
    providerName: z.string().trim().min(1).max(60).default('single sign-on'),
    clientId: z.string().min(1).max(500),
    /** The environment variable that holds the client secret. */
    clientSecretEnv: EnvNameSchema.optional(),
    /** A file whose content (trimmed) is the client secret, e.g. a mounted container secret. */
    clientSecretFile: z.string().min(1).max(1000).optional(),
    scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'use a scope token without spaces or quotes')).min(1).default(['openid', 'profile', 'email']),
    /** The address people reach the relay at; the redirect URI is `<redirectBase>/api/v1/auth/oidc/callback`. */
    redirectBase: HttpUrlSchema.optional(),
    /** The claim (in the ID token or from userinfo) that lists a person's groups. */
    groupsClaim: z.string().min(1).max(200).default('groups'),
    /** Group to role, first match wins. */
    roles: z.array(OidcRoleRuleSchema).default([]),
    /** The role of a person in none of the groups; null refuses them. */
    defaultRole: RoleSchema.nullable().default(null),
    /** Whether a person the issuer vouches for but Klaxon does not know yet gets a user at first sign-in. */
    jitUsers: z.boolean().default(false),
    /** Whether password sign-in is refused (except for `breakGlassUsers`). */
    ssoOnly: z.boolean().default(false),
    /** Users who may still sign in with a password when `ssoOnly` is on (keep one admin, password offline). */
    breakGlassUsers: z.array(SlugSchema).default([]),
  })
  .superRefine((c, ctx) => {
    if (!c.clientSecretEnv && !c.clientSecretFile) {
      ctx.addIssue({ code: 'custom', path: ['clientSecretEnv'], message: 'name the environment variable (or clientSecretFile) that holds the client secret (secrets are never written in the file)' });
    }
    if (c.clientSecretEnv && c.clientSecretFile) ctx.addIssue({ code: 'custom', path: ['clientSecretFile'], message: 'give clientSecretEnv or clientSecretFile, not both' });
    if (!c.scopes.includes('openid')) ctx.addIssue({ code: 'custom', path: ['scopes'], message: 'OpenID Connect needs the "openid" scope' });
  });
export type OidcConfig = z.infer<typeof OidcConfigSchema>;

/** The `auth` section of the config file. */
export const AuthConfigSchema = z.object({
  oidc: OidcConfigSchema.optional(),
});
export type AuthConfig = z.infer<typeof AuthConfigSchema>;
