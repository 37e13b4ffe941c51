import { z } from 'zod';
import { DurationSchema, SlugSchema, TimeZoneSchema } from './common.js';
import { SecondFactorCodeSchema } from './two-factor.js';

/** What a person may do in Klaxon; the IR team's roles from the field guide plus admin and responder. */
export const RoleSchema = z.enum([
  'admin',
  'ir-manager',
  'triage-analyst',
  'forensic-analyst',
  'threat-researcher',
  'responder',
]);
export type Role = z.infer<typeof RoleSchema>;

/**
 * The ways a page can reach a person. `push` is the phone app (socket and Web Push); `sms` and
 * `voice` go through a Twilio-compatible API to the person's phone number; `slack` is a direct message
 * from the Klaxon Slack app to the person's linked Slack account.
 */
export const ChannelSchema = z.enum(['push', 'email', 'ntfy', 'pushover', 'webhook', 'sms', 'voice', 'slack']);
export type Channel = z.infer<typeof ChannelSchema>;

/** One notification rule: use `channel` once a page has gone unread for `after` seconds. */
export const NotifyRuleSchema = z.object({
  channel: ChannelSchema,
  after: DurationSchema,
});
export type NotifyRule = z.infer<typeof NotifyRuleSchema>;

/** A person as the relay shows them to other people (never with a password). */
export const UserSchema = z.object({
  id: SlugSchema,
  name: z.string().min(1).max(200),
  email: z.email(),
  role: RoleSchema,
  notify: z.array(NotifyRuleSchema),
  /** The person's IANA time zone (reports judge their nights and weekends in it); absent: their team's. */
  timeZone: TimeZoneSchema.optional(),
});
export type User = z.infer<typeof UserSchema>;

/** Credentials for `POST /api/v1/auth/login`. */
export const LoginRequestSchema = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
  /** The second factor's code, when the account has one (TOTP or a recovery code). */
  totp: SecondFactorCodeSchema.optional(),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** The answer to a successful login: an opaque bearer token and when it stops working. */
export const LoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  user: UserSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
