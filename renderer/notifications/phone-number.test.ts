import { describe, expect, it } from 'vitest';
import { readPhoneNumber } from './phone-number.js';

describe('readPhoneNumber (console)', () => {
  it('answers E.164 for international spellings of planned numbers', () => {
    expect(readPhoneNumber('+44 20 7946 0958')).toEqual({ ok: true, e164: '+442079460958' });
    expect(readPhoneNumber('00 1 (415) 555-0101')).toEqual({ ok: true, e164: '+14155550101' });
  });

  it('refuses national forms, words and numbers no plan has, with the hint', () => {
    for (const text of ['020 7946 0958', 'call me', '+44 20 7946 095', '+1 015 555 0101', '']) {
      expect(readPhoneNumber(text), text).toEqual({ ok: false, error: expect.stringMatching(/international form/) });
    }
  });
});
