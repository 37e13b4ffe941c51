import { z } from 'zod';
import { PhoneNumberSchema } from '../schemas/phone-number.js';

/** An environment variable name that holds a secret. */
const EnvNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'use an environment variable name such as KLAXON_TWILIO_AUTH_TOKEN');

/** An absolute http(s) URL without a query or fragment (a base that paths are appended to). */
const BaseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'use an http(s) URL' })
  .max(2048)
  .refine((u) => !u.includes('?') && !u.includes('#'), 'use a URL without a query or fragment');

/**
 * SMS and voice pages through Twilio or a provider speaking its REST API (see docs/channels.md). The
 * auth token is never written in the file: name an environment variable or a file that holds it.
 */
export const TwilioConfigSchema = z
  .object({
    /** The account SID (`AC` and 32 hex digits); the API paths and the basic-auth user name. */
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'use the account SID: "AC" and 32 hex digits'),
    /** The environment variable that holds the auth token (it signs the provider's callbacks too). */
    authTokenEnv: EnvNameSchema.optional(),
    /** A file whose content (trimmed) is the auth token, e.g. a mounted container secret. */
    authTokenFile: z.string().min(1).max(1000).optional(),
    /** The number pages are sent from (a number of the account), in international form. */
    from: PhoneNumberSchema,
    /** The REST API's base URL; `https://api.twilio.com` when not given (other providers, local fakes). */
    baseUrl: BaseUrlSchema.optional(),
    /**
     * The address the provider reaches the relay at for replies, call scripts and status callbacks;
     * KLAXON_PUBLIC_URL (else the relay's own URL) when not given. Signatures are checked against it.
     */
    publicUrl: BaseUrlSchema.optional(),
    /** The most SMS and calls one phone number gets per hour, unless the person set their own; 10 when not given. */
    maxPerHour: z.number().int().min(1).max(60).default(10),
  })
  .superRefine((c, ctx) => {
    if (!c.authTokenEnv && !c.authTokenFile) {
      ctx.addIssue({ code: 'custom', path: ['authTokenEnv'], message: 'name the environment variable (or authTokenFile) that holds the auth token (secrets are never written in the file)' });
    }
    if (c.authTokenEnv && c.authTokenFile) ctx.addIssue({ code: 'custom', path: ['authTokenFile'], message: 'give authTokenEnv or authTokenFile, not both' });
  });
export type TwilioConfig = z.infer<typeof TwilioConfigSchema>;

/** The `channels` section of the config file: outbound channels that need relay-wide settings. */
export const ChannelsConfigSchema = z.object({
  twilio: TwilioConfigSchema.optional(),
});
export type ChannelsConfig = z.infer<typeof ChannelsConfigSchema>;
