import { describe, expect, it } from 'vitest';
import { clip, fields, relativeTime, table } from './format.js';

describe('table', () => {
  it('pads every column but the last to its widest cell', () => {
    expect(table(['ID', 'STATE', 'SUMMARY'], [['inc-1', 'triggered', 'Disk full'], ['inc-22', 'ok', 'x']])).toBe(
      ['ID      STATE      SUMMARY', 'inc-1   triggered  Disk full', 'inc-22  ok         x'].join('\n'),
    );
  });

  it('keeps the headers alone when there are no rows', () => {
    expect(table(['A', 'B'], [])).toBe('A  B');
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('says how long ago or how far ahead, in its two largest units', () => {
    expect(relativeTime('2026-12-01T11:55:00Z', now)).toBe('5m ago');
    expect(relativeTime('2026-12-01T09:49:30Z', now)).toBe('2h 10m ago');
    expect(relativeTime('2026-12-03T13:00:00Z', now)).toBe('in 2d 1h');
    expect(relativeTime('2026-12-01T12:00:45Z', now)).toBe('in 45s');
    expect(relativeTime(now, now)).toBe('just now');
  });

  it('does not skip a zero unit between two others', () => {
    expect(relativeTime('2026-11-30T11:59:00Z', now)).toBe('1d ago');
  });
});

describe('clip and fields', () => {
  it('cuts long text with an ellipsis and flattens newlines', () => {
    expect(clip('a\nb  c', 10)).toBe('a b c');
    expect(clip('abcdefghijk', 5)).toBe('abcd…');
  });

  it('aligns labels', () => {
    expect(fields([['Id', '1'], ['Summary', 'x']])).toBe('Id:      1\nSummary: x');
  });
});
