import { describe, expect, it } from 'vitest';
import { PhoneNumberSchema, toE164 } from '../../../shared/schemas/phone-number.js';
import { isPlannedNumber } from './numbering-plan.js';

describe('phone numbers: E.164 shape (shared) and numbering plans (relay)', () => {
  it('writes international spellings in E.164', () => {
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    expect(toE164('00 1 415 555 0101')).toBe('+14155550101');
    expect(toE164(' +1 (415) 555-0102 ')).toBe('+14155550102');
    expect(toE164('+49.30/1234567')).toBe('+49301234567');
    expect(PhoneNumberSchema.parse('+1 500 555 0006')).toBe('+15005550006');
  });

  it('refuses national forms, letters, a country code starting with 0 and more than 15 digits', () => {
    for (const text of ['020 7946 0958', '555-not-a-number', '+0 123 4567', '+1234567890123456', '+12', '+'.padEnd(41, '1')]) {
      expect(toE164(text), text).toBeUndefined();
      expect(PhoneNumberSchema.safeParse(text).success, text).toBe(false);
    }
  });

  it("accepts only numbers of their country's plan", () => {
    expect(isPlannedNumber('+442079460958')).toBe(true);
    expect(isPlannedNumber('+14155550101')).toBe(true);
    expect(isPlannedNumber('+15005550006')).toBe(true);
    // E.164-shaped, but no plan has them: a UK number a digit short, a US area code starting with 0.
    expect(isPlannedNumber('+44207946095')).toBe(false);
    expect(isPlannedNumber('+10155550101')).toBe(false);
    expect(isPlannedNumber('not e164')).toBe(false);
  });
});
