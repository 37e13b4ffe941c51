import { describe, expect, it } from 'vitest';
import { formatInstant } from '../time/format-instant.js';
import { applyIncoming, conflictText, sameValue } from './postmortem-merge.js';
import { makePostmortem, written } from './testing/postmortem-fixtures.js';

describe('applyIncoming', () => {
  const shown = makePostmortem({ version: 3 });

  it('drops a copy that is not newer, or of another post-mortem', () => {
    expect(applyIncoming(shown, makePostmortem({ version: 3 }), new Set(), 'ann').next).toBeNull();
    expect(applyIncoming(shown, makePostmortem({ version: 2 }), new Set(), 'ann').next).toBeNull();
    expect(applyIncoming(shown, makePostmortem({ id: 'pm-2', version: 9 }), new Set(), 'ann').next).toBeNull();
  });

  it('takes a newer copy and reports only the fields under edit that someone else wrote', () => {
    const incoming = written(written(shown, 'summary', 'Bob was here', 'bob'), 'impact', 'Mail down', 'bob');
    const outcome = applyIncoming(shown, incoming, new Set(['summary', 'rootCause'] as const), 'ann');
    expect(outcome.next).toBe(incoming);
    expect(outcome.changedUnderEdit).toEqual([{ field: 'summary', by: 'bob', at: '2026-11-30T10:05:00.000Z' }]);
  });

  it('does not report the person\'s own writes echoed back', () => {
    const incoming = written(shown, 'summary', 'Mine', 'ann');
    expect(applyIncoming(shown, incoming, new Set(['summary'] as const), 'ann').changedUnderEdit).toEqual([]);
  });

  it('takes the first copy when nothing is shown yet', () => {
    expect(applyIncoming(null, shown, new Set(), 'ann').next).toBe(shown);
  });
});

describe('conflictText', () => {
  const when = (at: string) => formatInstant(at, { zone: 'America/New_York', style: 'seconds' });
  it('names the person whose change the edit replaced, and says nothing without a conflict', () => {
    const names = (id: string) => ({ bob: 'Bob Builder' })[id] ?? id;
    expect(conflictText(null, names, when)).toBeNull();
    expect(conflictText({ field: 'rootCause', overwrote: 'bob', at: null }, names, when)).toBe(
      'Your edit of Root cause replaced a change by Bob Builder. Check that nothing of theirs was lost.',
    );
    expect(conflictText({ field: 'summary', overwrote: null, at: null }, names, when)).toMatch(/by someone/);
    expect(conflictText({ field: 'summary', overwrote: 'bob', at: '2026-03-08T07:30:07Z' }, names, when)).toMatch(/by Bob Builder \(written 03:30:07 EDT\)\./);
  });
});

describe('sameValue', () => {
  it('compares JSON values by content', () => {
    expect(sameValue({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue('x', 'y')).toBe(false);
  });
});
