// The one exception to "zod only" in shared/: E.164 validation needs the numbering plans, and both
// the relay and the console must read numbers the same way (issue 17 asks for libphonenumber-js here).
// eslint-disable-next-line no-restricted-imports
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';

/**
 * Reads a phone number written in international form (`+44 20 7946 0958`, `00 44 …`, with spaces,
 * dots, dashes or brackets) and answers it in E.164 (`+442079460958`), or undefined when it is not a
 * valid number of any country. National forms are refused: the relay has no home country to guess.
 */
export function toE164(text: string): string | undefined {
  const trimmed = text.trim().replace(/^00/, '+');
  if (!trimmed.startsWith('+') || trimmed.length > 40) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** A phone number at the boundary: any international spelling in, E.164 out. */
export const PhoneNumberSchema = z
  .string()
  .max(40, 'use a phone number of at most 40 characters')
  .transform((text, ctx) => {
    const e164 = toE164(text);
    if (e164) return e164;
    ctx.addIssue({ code: 'custom', message: 'use a valid phone number in international form, e.g. +44 20 7946 0958' });
    return z.NEVER;
  });
