import { describe, expect, it } from 'vitest';
import { interruptionsOf } from './interruptions.js';

const page = (incidentId: string, iso: string) => ({ incidentId, createdMs: Date.parse(iso) });

describe('night and weekend interruptions', () => {
  it('follows DST in the week clocks go forward (New York, Sunday 2026-03-08 07:00Z)', () => {
    const pages = [
      page('a', '2026-03-07T11:30:00Z'), // Sat 06:30 EST: night and weekend
      page('b', '2026-03-08T11:30:00Z'), // Sun 07:30 EDT: weekend only (06:30 if DST were ignored)
      page('c', '2026-03-09T02:30:00Z'), // Sun 22:30 EDT: night and weekend
      page('d', '2026-03-09T11:00:00Z'), // Mon 07:00 EDT: the night has ended
      page('e', '2026-03-10T10:59:59Z'), // Tue 06:59:59 EDT: night
    ];
    expect(interruptionsOf(pages, 'America/New_York')).toEqual({ night: 3, weekend: 3 }); // night a, c, e; weekend a, b, c
    // Read in UTC the same pages make other figures: a 11:30 Sat, b 11:30 Sun, c 02:30 Mon, d 11:00 Mon, e 10:59 Tue.
    expect(interruptionsOf(pages, 'UTC')).toEqual({ night: 1, weekend: 2 });
  });

  it('follows DST in the week clocks go back (London, Sunday 2026-10-25 01:00Z)', () => {
    const pages = [
      page('a', '2026-10-24T21:30:00Z'), // Sat 22:30 BST: night and weekend
      page('b', '2026-10-25T21:30:00Z'), // Sun 21:30 GMT: weekend only (22:30 if DST were ignored)
      page('c', '2026-10-26T06:30:00Z'), // Mon 06:30 GMT: night
    ];
    expect(interruptionsOf(pages, 'Europe/London')).toEqual({ night: 2, weekend: 2 });
  });

  it('reads a far zone across the date line (Pacific/Auckland, NZDT = UTC+13)', () => {
    const pages = [
      page('a', '2026-03-06T12:00:00Z'), // Sat 01:00 NZDT (a Friday noon in UTC): night and weekend
      page('b', '2026-03-08T20:00:00Z'), // Mon 09:00 NZDT (Sunday 20:00 UTC): neither
    ];
    expect(interruptionsOf(pages, 'Pacific/Auckland')).toEqual({ night: 1, weekend: 1 });
    expect(interruptionsOf(pages, 'UTC')).toEqual({ night: 0, weekend: 1 });
  });

  it('counts an incident once however often it paged, and reads an unknown zone as UTC', () => {
    const pages = [page('a', '2026-03-07T23:00:00Z'), page('a', '2026-03-07T23:05:00Z'), page('a', '2026-03-08T01:00:00Z')];
    expect(interruptionsOf(pages, 'UTC')).toEqual({ night: 1, weekend: 1 });
    expect(interruptionsOf(pages, 'Not/AZone')).toEqual({ night: 1, weekend: 1 });
    expect(interruptionsOf([], 'UTC')).toEqual({ night: 0, weekend: 0 });
  });
});
