import type { SnippetPart } from '../../../shared/schemas/history.js';
import type { SearchTerm } from './search-syntax.js';
import { wordsOf } from './search-terms.js';

/** How many characters of context a snippet shows around the first match, before and after. */
const CONTEXT = 60;

/** Tells whether a text word (normalised) is one a search term matches. */
function matches(term: string, terms: readonly SearchTerm[]): boolean {
  return terms.some((t) => (t.prefix ? term.startsWith(t.term) : term === t.term));
}

/**
 * The part of `text` around its first word that a search term matches, cut at word boundaries,
 * with the matched words marked; undefined when no word matches. A cut is shown as "…".
 */
export function snippetOf(text: string, terms: readonly SearchTerm[]): SnippetPart[] | undefined {
  const words = wordsOf(text).map((w) => ({ ...w, hit: matches(w.term, terms) }));
  const first = words.findIndex((w) => w.hit);
  if (first < 0) return undefined;
  const from = words.filter((w) => w.start >= words[first]!.start - CONTEXT)[0]!.start;
  const after = words.filter((w) => w.end <= words[first]!.end + CONTEXT);
  const to = after[after.length - 1]!.end;
  const parts: SnippetPart[] = [];
  const push = (value: string, match: boolean) => {
    if (!value) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += value;
    else parts.push({ text: value, match });
  };
  push(from > 0 ? '…' : '', false);
  let at = from;
  for (const word of words) {
    if (word.start < from || word.end > to) continue;
    push(text.slice(at, word.start).replace(/\s+/g, ' '), false);
    push(text.slice(word.start, word.end), word.hit);
    at = word.end;
  }
  push(to < text.length ? '…' : '', false);
  return parts;
}
