import { describe, expect, it } from 'vitest';
import { decideEntry, sourceOf } from './decide-entry.js';

const fresh = { digest: 'a', editedAt: null, editedBy: null };
const edited = { digest: 'a', editedAt: '2026-12-01T06:00:00.000Z', editedBy: 'ann' };

describe('decideEntry', () => {
  it('writes the file version of an entry never applied, or of a missing object', () => {
    expect(decideEntry(undefined, 'a', false)).toEqual({ write: true, replacesConsoleEdit: false });
    expect(decideEntry(undefined, 'a', true)).toEqual({ write: true, replacesConsoleEdit: false });
    expect(decideEntry(edited, 'a', false)).toEqual({ write: true, replacesConsoleEdit: false });
  });

  it('keeps what is stored while the file entry is as last applied, edited or not', () => {
    expect(decideEntry(fresh, 'a', true)).toEqual({ write: false });
    expect(decideEntry(edited, 'a', true)).toEqual({ write: false });
  });

  it('lets a changed file entry win, saying when it replaces a console edit', () => {
    expect(decideEntry(fresh, 'b', true)).toEqual({ write: true, replacesConsoleEdit: false });
    expect(decideEntry(edited, 'b', true)).toEqual({ write: true, replacesConsoleEdit: true });
  });
});

describe('sourceOf', () => {
  it('names the file, a console edit over it, or the console', () => {
    expect(sourceOf(true, fresh)).toBe('file');
    expect(sourceOf(true, undefined)).toBe('file');
    expect(sourceOf(true, edited)).toBe('edited');
    expect(sourceOf(false, edited)).toBe('console');
  });
});
