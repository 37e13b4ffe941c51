import { describe, expect, it } from 'vitest';
import { indexText, MAX_TERM_LENGTH, MAX_TERMS_PER_TEXT, payloadText, termsOf } from './search-terms.js';

describe('search terms', () => {
  it('keeps letters and digits, lower case, without accents, each term once', () => {
    expect(indexText('Disk FULL on db-1 (Café)', 'disk 96%')).toBe('disk full on db 1 cafe 96');
    expect(indexText('!!! ---')).toBe('');
  });

  it('leaves out runs longer than the longest term, and stops at the most terms per text', () => {
    expect(termsOf(`a ${'x'.repeat(MAX_TERM_LENGTH + 1)} b`)).toEqual(['a', 'b']);
    const many = Array.from({ length: MAX_TERMS_PER_TEXT + 10 }, (_, i) => `t${i}`).join(' ');
    expect(indexText(many).split(' ')).toHaveLength(MAX_TERMS_PER_TEXT);
  });

  it("flattens a payload's string values (not its keys, numbers or booleans)", () => {
    expect(payloadText({ host: 'db-1', details: { msg: 'kraken', n: 3, ok: true, list: ['a', { deep: 'b' }] }, nothing: null })).toBe('db-1 kraken a b');
    expect(payloadText('just text')).toBe('just text');
    expect(payloadText(undefined)).toBe('');
  });
});
