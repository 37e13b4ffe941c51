import { z } from 'zod';
import { InstantSchema } from './common.js';

/**
 * TOTP second factor for local (password) accounts: RFC 6238 codes of 6 digits every 30 s (SHA-1, as
 * every authenticator app reads them), or a one-time recovery code `xxxx-xxxx`.
 */

/** A code as people type it: 6 digits (spaces allowed), or a recovery code. */
export const SecondFactorCodeSchema = z
  .string()
  .trim()
  .max(32)
  .regex(/^(?:\d{3} ?\d{3}|[a-z0-9]{4}-?[a-z0-9]{4})$/i, 'enter the 6-digit code from your authenticator app, or a recovery code');

/** `GET /api/v1/me/two-factor`: whether the signed-in person has a second factor. */
export const TwoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  /** An enrolment was started and not yet confirmed with a code. */
  pending: z.boolean(),
  confirmedAt: InstantSchema.nullable(),
  recoveryCodesLeft: z.number().int().nonnegative(),
  /** Whether the relay can keep a secret (KLAXON_SECRET_KEY is set); enrolment needs it. */
  available: z.boolean(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatusSchema>;

/** `POST /api/v1/me/two-factor`: start an enrolment, proving the password again. */
export const TwoFactorBeginSchema = z.object({ password: z.string().min(1).max(1024) }).strict();

/** The answer: the secret to put in an authenticator app, as text and as an `otpauth://` URI (for a QR code). */
export const TwoFactorEnrolmentSchema = z.object({ secret: z.string(), uri: z.string() });
export type TwoFactorEnrolment = z.infer<typeof TwoFactorEnrolmentSchema>;

/** `POST /api/v1/me/two-factor/confirm`: the first code from the app. */
export const TwoFactorConfirmSchema = z.object({ code: SecondFactorCodeSchema }).strict();

/** The answer: ten one-time recovery codes, shown once. */
export const TwoFactorRecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

/** `DELETE /api/v1/me/two-factor`: turning it off takes the password and a code. */
export const TwoFactorDisableSchema = z.object({ password: z.string().min(1).max(1024), code: SecondFactorCodeSchema }).strict();
