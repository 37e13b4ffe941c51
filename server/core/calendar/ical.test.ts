import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsDateTime, renderICalendar } from './ical.js';

describe('iCalendar rendering', () => {
  const now = new Date('2026-11-28T12:00:00Z');

  it('writes a VCALENDAR with VEVENTs in UTC, ended by CRLF', () => {
    const text = renderICalendar({
      name: 'NOC primary',
      now,
      events: [{ uid: 'a@klaxon', start: new Date('2026-11-30T14:00:00Z'), end: new Date('2026-11-30T22:00:00Z'), summary: 'On call: Dan' }],
    });
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.split('\r\n').slice(8, 15)).toEqual([
      'BEGIN:VEVENT',
      'UID:a@klaxon',
      'DTSTAMP:20261128T120000Z',
      'DTSTART:20261130T140000Z',
      'DTEND:20261130T220000Z',
      'SUMMARY:On call: Dan',
      'TRANSP:OPAQUE',
    ]);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(long);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(long);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('formats instants as UTC date-times', () => {
    expect(icsDateTime(new Date('2026-03-08T07:05:09.123Z'))).toBe('20260308T070509Z');
  });
});
