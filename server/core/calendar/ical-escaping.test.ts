import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, renderICalendar } from './ical.js';

/** Every control character RFC 5545 TEXT forbids (all but HTAB), and the Unicode line separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const FORBIDDEN = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/;

/** Undoes RFC 5545 line folding and splits the content lines. */
function contentLines(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n').slice(0, -1);
}

/** Reads a TEXT value back (RFC 5545 §3.3.11). */
function unescapeText(text: string): string {
  return text.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Text with plenty of control characters, CR and LF in every combination, and ordinary letters. */
const hostileText = fc.string({ unit: fc.oneof(fc.constantFrom('\r', '\n', '\u0000', '\u000b', '\u001b', '\u007f', '\u0085', '\u2028', '\t', ';', ',', '\\'), fc.integer({ min: 0, max: 0x2fff }).map((code) => String.fromCodePoint(code))) });

describe('iCalendar escaping', () => {
  it('leaves no control character in an escaped TEXT value (property)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(escapeText(text)).not.toMatch(FORBIDDEN);
      }),
    );
  });

  it('cannot be made to add a property or an event by a summary, description or calendar name (property)', () => {
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, (summary, description, name) => {
        const ics = renderICalendar({
          name,
          now: new Date('2026-11-30T12:00:00Z'),
          events: [{ uid: 'u1@klaxon', start: new Date('2026-12-01T08:00:00Z'), end: new Date('2026-12-01T16:00:00Z'), summary, description: `x${description}` }],
        });
        const lines = contentLines(ics);
        const names = lines.map((line) => /^[A-Z-]+/.exec(line)?.[0]);
        expect(names).toEqual([
          'BEGIN', 'VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'X-WR-CALNAME', 'X-PUBLISHED-TTL', 'REFRESH-INTERVAL',
          'BEGIN', 'UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION', 'TRANSP', 'END', 'END',
        ]);
        const summaryLine = lines.find((line) => line.startsWith('SUMMARY:'))!;
        // Line breaks survive as \n; every other control character is dropped.
        // eslint-disable-next-line no-control-regex -- matching control characters is the point.
        const expected = summary.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '').replace(/\r\n|\r|\n|\u2028|\u2029/g, '\n');
        expect(unescapeText(summaryLine.slice('SUMMARY:'.length))).toBe(expected);
      }),
    );
  });

  it('turns a lone CR into an escaped line break, not a raw one', () => {
    expect(escapeText('on call\rEND:VEVENT')).toBe('on call\\nEND:VEVENT');
  });
});
