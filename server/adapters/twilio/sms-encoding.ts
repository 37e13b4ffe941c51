/** The GSM 03.38 basic character set: one septet each. */
const GSM7_BASIC = new Set(
  Array.from('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'),
);
/** The GSM 03.38 extension table: an escape and the character, two septets each. */
const GSM7_EXTENSION = new Set(Array.from('^{}\\[~]|€\f'));

/** How an SMS text travels: GSM-7 (153 characters per part of a long message) or UCS-2 (67). */
export type SmsEncoding = 'gsm7' | 'ucs2';

/** Characters per part of a message of more than one part, as providers split (and bill) them. */
export const PART_LENGTH: Record<SmsEncoding, number> = { gsm7: 153, ucs2: 67 };

/**
 * Measures an SMS text as the network carries it: GSM-7 septets when every character is in the GSM
 * alphabet, else UCS-2 code units (one character outside it, an emoji or a curly quote, switches the
 * whole message and more than doubles its parts).
 */
export function smsLength(text: string): { encoding: SmsEncoding; units: number } {
  let septets = 0;
  for (const char of text) {
    if (GSM7_BASIC.has(char)) septets += 1;
    else if (GSM7_EXTENSION.has(char)) septets += 2;
    else return { encoding: 'ucs2', units: text.length };
  }
  return { encoding: 'gsm7', units: septets };
}

/** The parts a text is sent as: one up to 160 septets (70 UCS-2 units), else parts of 153 (67). */
export function smsParts(text: string): number {
  const { encoding, units } = smsLength(text);
  if (units <= (encoding === 'gsm7' ? 160 : 70)) return 1;
  return Math.ceil(units / PART_LENGTH[encoding]);
}
