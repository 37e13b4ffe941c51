import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** What the relay says of a number no numbering plan has (the same words as the shared schema's). */
export const NOT_A_PHONE_NUMBER = 'use a valid phone number in international form, e.g. +44 20 7946 0958';

/**
 * Tells whether an E.164 number (as the shared `PhoneNumberSchema` writes it) is a number of its
 * country's numbering plan (right length and ranges), per libphonenumber-js's metadata. The shared
 * schema checks the E.164 shape only; the relay calls this where numbers come in (the notification
 * settings route, the config file), so that a mistyped number is refused rather than paged in vain.
 */
export function isPlannedNumber(e164: string): boolean {
  const parsed = parsePhoneNumberFromString(e164);
  return !!parsed && parsed.isValid() && parsed.number === e164;
}
