import { z } from 'zod';
import { PUSHOVER_RECEIPT, pushoverTime } from './pushover-api.js';

/** Unix seconds as Pushover sends them in a form (text) or JSON (number). */
const UnixSecondsSchema = z.coerce.number().int().nonnegative();

/**
 * The form Pushover POSTs to an emergency page's callback URL once the page is acknowledged
 * (`receipt`, `acknowledged=1`, `acknowledged_at`, `acknowledged_by`, `acknowledged_by_device`).
 */
export const PushoverCallbackSchema = z.object({
  receipt: z.string().regex(PUSHOVER_RECEIPT, 'a Pushover receipt has 30 letters and digits'),
  acknowledged: z.coerce.number().int().min(0).max(1),
  acknowledged_at: UnixSecondsSchema,
  acknowledged_by: z.string().max(64).default(''),
  acknowledged_by_device: z.string().max(64).default(''),
});

/** A Pushover callback read: which receipt was acknowledged (= read), when and by whom. */
export interface PushoverCallback {
  receipt: string;
  acknowledged: boolean;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgedByDevice: string | null;
}

/** The outcome of reading a callback: the callback, or an error naming the field at fault. */
export type PushoverCallbackResult = { ok: true; callback: PushoverCallback } | { ok: false; error: string; field?: string };

/**
 * Reads the body of Pushover's callback POST (form text, `URLSearchParams` or an already parsed
 * object). Pushover does not sign callbacks, so the relay should expose the callback URL with a
 * secret path segment and check it before trusting the body.
 */
export function parsePushoverCallback(body: string | URLSearchParams | Record<string, unknown>): PushoverCallbackResult {
  const fields =
    typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body instanceof URLSearchParams ? Object.fromEntries(body) : body;
  const parsed = PushoverCallbackSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.');
    const error = `invalid Pushover callback: ${field ? `${field}: ` : ''}${issue?.message ?? 'unreadable'}`;
    return field ? { ok: false, error, field } : { ok: false, error };
  }
  const c = parsed.data;
  return {
    ok: true,
    callback: {
      receipt: c.receipt,
      acknowledged: c.acknowledged === 1,
      acknowledgedAt: pushoverTime(c.acknowledged_at),
      acknowledgedBy: c.acknowledged_by || null,
      acknowledgedByDevice: c.acknowledged_by_device || null,
    },
  };
}
