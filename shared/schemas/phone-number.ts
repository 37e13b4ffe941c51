import { z } from 'zod';

/** E.164: a plus, a country code that does not start with 0, and at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/**
 * Writes a phone number given in international form (`+44 20 7946 0958`, `00 44 …`, with spaces,
 * dots, dashes, slashes or brackets) in E.164 (`+442079460958`), or answers undefined when it is not
 * E.164-shaped. National forms are refused: the relay has no home country to guess. Whether the
 * country's numbering plan has such a number is checked where numbers come in (the relay's
 * `server/core/phone/numbering-plan.ts`, the console's `renderer/notifications/phone-number.ts`),
 * because that needs the plans' metadata and shared/ holds zod schemas only.
 */
export function toE164(text: string): string | undefined {
  if (text.length > 40) return undefined;
  const compact = text.trim().replace(/^00/, '+').replace(/[\s.\-/()]/g, '');
  return E164_PATTERN.test(compact) ? compact : undefined;
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
