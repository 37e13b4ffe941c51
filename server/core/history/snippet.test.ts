import { describe, expect, it } from 'vitest';
import { snippetOf } from './snippet.js';

describe('snippetOf', () => {
  it('marks the matched words, whatever their case and accents, and prefixes', () => {
    expect(snippetOf('Disk full on Café db-1', [{ term: 'cafe', prefix: false }, { term: 'dis', prefix: true }])).toEqual([
      { text: 'Disk', match: true },
      { text: ' full on ', match: false },
      { text: 'Café', match: true },
      { text: ' db-1', match: false },
    ]);
  });

  it('cuts a long text around the first match at word boundaries, and folds whitespace', () => {
    const text = `${'lorem '.repeat(40)}the kraken\n\nwoke ${'ipsum '.repeat(40)}`;
    const parts = snippetOf(text, [{ term: 'kraken', prefix: false }])!;
    expect(parts[0]!.text.startsWith('…lorem')).toBe(true);
    expect(parts[1]).toEqual({ text: 'kraken', match: true });
    expect(parts[2]!.text.startsWith(' woke ipsum')).toBe(true);
    expect(parts[2]!.text.endsWith('ipsum…')).toBe(true);
    expect(parts.map((p) => p.text).join('').length).toBeLessThan(140);
  });

  it('is undefined when no word matches', () => {
    expect(snippetOf('nothing here', [{ term: 'disk', prefix: false }])).toBeUndefined();
  });
});
