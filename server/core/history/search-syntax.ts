import { termsOf } from './search-terms.js';

/** One term of a search: a whole word, or (`prefix`) any word starting with it. */
export interface SearchTerm {
  term: string;
  prefix: boolean;
}

/**
 * A parsed search text: every `all` term must occur in an incident's text (summary, source, alert
 * payloads, notes, post-mortem), none of the `none` terms may.
 */
export interface SearchText {
  all: SearchTerm[];
  none: SearchTerm[];
}

/** Most terms one search takes (each is a lookup in the index). */
export const MAX_SEARCH_TERMS = 16;

/** Why a search text cannot run. */
export type SearchSyntaxError = { reason: string };

/**
 * Parses the `q` of a history search. Words are required (all of them); `-word` excludes incidents
 * containing it; `word*` matches any word starting with it; `"a few words"` requires each word (the
 * order is not checked). Punctuation splits words as the index does: `db-01.example.com` requires
 * `db`, `01`, `example` and `com`. Case and accents do not matter.
 */
export function parseSearchText(q: string): SearchText | SearchSyntaxError {
  const all: SearchTerm[] = [];
  const none: SearchTerm[] = [];
  for (const match of q.matchAll(/(-?)"([^"]*)"?|(\S+)/g)) {
    const quoted = match[2];
    const negated = quoted !== undefined ? match[1] === '-' : match[3]!.startsWith('-');
    let word = quoted ?? match[3]!.replace(/^-/, '');
    const prefix = quoted === undefined && word.endsWith('*');
    if (prefix) word = word.replace(/\*+$/, '');
    const terms = termsOf(word);
    const target = negated ? none : all;
    terms.forEach((term, i) => target.push({ term, prefix: prefix && i === terms.length - 1 }));
  }
  const dedupe = (list: SearchTerm[]) => {
    const seen = new Set<string>();
    return list.filter((t) => {
      const key = `${t.term}${t.prefix ? '*' : ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  const text = { all: dedupe(all), none: dedupe(none) };
  if (text.all.length + text.none.length === 0) return { reason: 'the search has no words to look for' };
  if (text.all.length + text.none.length > MAX_SEARCH_TERMS) {
    return { reason: `the search has more than ${MAX_SEARCH_TERMS} words; leave some out` };
  }
  return text;
}

/** Tells a parse result that failed from one that did not. */
export function isSearchSyntaxError(result: SearchText | SearchSyntaxError): result is SearchSyntaxError {
  return 'reason' in result;
}

/**
 * A search for incidents sharing words with a free text (say, an incident's summary, for similar
 * incidents): its distinct words of three characters or more that are not plain numbers, at most
 * MAX_SEARCH_TERMS, none excluded. Run it with `match: 'any'` to rank by the words found; undefined
 * when the text has no such word.
 */
export function wordsSearch(text: string): SearchText | undefined {
  const words = [...new Set(termsOf(text))].filter((term) => term.length >= 3 && !/^\d+$/.test(term)).slice(0, MAX_SEARCH_TERMS);
  return words.length ? { all: words.map((term) => ({ term, prefix: false })), none: [] } : undefined;
}
