import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TERMS, parseSearchText, wordsSearch } from './search-syntax.js';

describe('parseSearchText', () => {
  it('requires words, excludes -words, keeps a trailing * as a prefix, and splits at punctuation', () => {
    expect(parseSearchText('Disk -backup firm* db-01.example.com')).toEqual({
      all: [
        { term: 'disk', prefix: false },
        { term: 'firm', prefix: true },
        { term: 'db', prefix: false },
        { term: '01', prefix: false },
        { term: 'example', prefix: false },
        { term: 'com', prefix: false },
      ],
      none: [{ term: 'backup', prefix: false }],
    });
  });

  it('takes the words of a quoted phrase (order not checked), a negated phrase, and drops repeats', () => {
    expect(parseSearchText('"disk full" -"tape drive" DISK')).toEqual({
      all: [{ term: 'disk', prefix: false }, { term: 'full', prefix: false }],
      none: [{ term: 'tape', prefix: false }, { term: 'drive', prefix: false }],
    });
  });

  it('folds case and accents as the index does', () => {
    expect(parseSearchText('CAFÉ Ñandú')).toEqual({ all: [{ term: 'cafe', prefix: false }, { term: 'nandu', prefix: false }], none: [] });
  });

  it('refuses a search without words, or with too many', () => {
    expect(parseSearchText('!!! *')).toEqual({ reason: 'the search has no words to look for' });
    const many = Array.from({ length: MAX_SEARCH_TERMS + 1 }, (_, i) => `w${i}`).join(' ');
    expect(parseSearchText(many)).toMatchObject({ reason: expect.stringContaining(`${MAX_SEARCH_TERMS}`) });
  });
});

describe('wordsSearch', () => {
  it('takes the distinct words of three characters or more that are not numbers, none excluded', () => {
    expect(wordsSearch('Disk full on db-1: 97% -- disk D full')).toEqual({
      all: [{ term: 'disk', prefix: false }, { term: 'full', prefix: false }],
      none: [],
    });
    expect(wordsSearch('on 1 2 3')).toBeUndefined();
  });
});
