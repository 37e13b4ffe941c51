/**
 * The words the history search indexes and looks for. Both store engines index the same normalised
 * terms (lower case, without accents, letters and digits only), computed here once, so that SQLite
 * FTS5 and PostgreSQL full-text search match the same incidents: neither engine's own word parser
 * decides what a word is.
 */

/** Longest term kept; longer runs (base64 blobs, say) are left out of the index. */
export const MAX_TERM_LENGTH = 128;

/** Most distinct terms one indexed text keeps (a huge payload indexes its first ones). */
export const MAX_TERMS_PER_TEXT = 2000;

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;

/** One word as the index keeps it: lower case, accents removed. */
export function normaliseWord(word: string): string {
  return word.toLowerCase().normalize('NFKD').replace(MARKS, '');
}

/** The words of a text in order, each with where it stands in the text and its normalised form. */
export function wordsOf(text: string): { start: number; end: number; term: string }[] {
  const words: { start: number; end: number; term: string }[] = [];
  for (const match of text.matchAll(WORD)) {
    words.push({ start: match.index, end: match.index + match[0].length, term: normaliseWord(match[0]) });
  }
  return words;
}

/** The normalised terms of a text, in order, duplicates kept (for parsing a query). */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  // Normalising may split a word (a mark between letters): tokenise again after it.
  for (const word of text.matchAll(WORD)) {
    for (const part of normaliseWord(word[0]).matchAll(WORD)) terms.push(part[0]);
  }
  return terms.filter((term) => term.length <= MAX_TERM_LENGTH);
}

/**
 * The text the index stores for some texts: their distinct terms joined by single spaces, at most
 * MAX_TERMS_PER_TEXT of them. Empty when there is no word at all.
 */
export function indexText(...texts: readonly string[]): string {
  const seen = new Set<string>();
  for (const text of texts) {
    for (const term of termsOf(text)) {
      if (seen.size >= MAX_TERMS_PER_TEXT) break;
      seen.add(term);
    }
  }
  return [...seen].join(' ');
}

/**
 * The string values of a JSON payload (object keys left out: they name fields, they are not what an
 * alert says), depth first, joined by spaces. Numbers and booleans are left out too.
 */
export function payloadText(payload: unknown, limit = 200_000): string {
  const parts: string[] = [];
  let size = 0;
  const visit = (value: unknown, depth: number): void => {
    if (size >= limit || depth > 32) return;
    if (typeof value === 'string') {
      parts.push(value);
      size += value.length + 1;
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    } else if (value !== null && typeof value === 'object') {
      for (const item of Object.values(value)) visit(item, depth + 1);
    }
  };
  visit(payload, 0);
  return parts.join(' ').slice(0, limit);
}
