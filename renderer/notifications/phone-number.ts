import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { toE164 } from '../../shared/schemas/phone-number.js';

/** What the console says of a number it cannot page (the relay answers the same words). */
export const PHONE_NUMBER_HINT = 'use a valid phone number in international form, e.g. +44 20 7946 0958';

/**
 * Reads the phone number a person typed as the relay will: the shared schema's E.164 spelling, then
 * the country's numbering plan (libphonenumber-js, which shared/ may not import). Answers the E.164
 * number, or the reason it cannot be paged, before anything is sent to the relay.
 */
export function readPhoneNumber(text: string): { ok: true; e164: string } | { ok: false; error: string } {
  const e164 = toE164(text);
  const parsed = e164 ? parsePhoneNumberFromString(e164) : undefined;
  return e164 && parsed?.isValid() && parsed.number === e164 ? { ok: true, e164 } : { ok: false, error: PHONE_NUMBER_HINT };
}
