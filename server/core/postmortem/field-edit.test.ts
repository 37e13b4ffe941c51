import { describe, expect, it } from 'vitest';
import { applyFieldEdit, emptyFields, freshStamps } from './field-edit.js';

const t1 = new Date('2030-03-04T10:00:00Z');
const t2 = new Date('2030-03-04T10:01:00Z');
const ids = () => {
  let n = 0;
  return () => `item-${(n += 1)}`;
};

describe('post-mortem field edits', () => {
  it('writes the field, raises its version and stamps the writer', () => {
    const out = applyFieldEdit({ fields: emptyFields(), stamps: freshStamps() }, { field: 'summary', value: 'Disk full', baseVersion: 0 }, 'bob', t1, ids());
    expect(out.fields.summary).toBe('Disk full');
    expect(out.stamps.summary).toEqual({ version: 1, updatedAt: t1.toISOString(), updatedBy: 'bob' });
    expect(out.stamps.impact).toEqual({ version: 0, updatedAt: null, updatedBy: null });
    expect(out.conflict).toBeNull();
  });

  it('lets the last writer win with a note naming whom they overwrote, but not for one\'s own earlier write', () => {
    const first = applyFieldEdit({ fields: emptyFields(), stamps: freshStamps() }, { field: 'rootCause', value: 'A', baseVersion: 0 }, 'bob', t1, ids());
    const second = applyFieldEdit(first, { field: 'rootCause', value: 'B', baseVersion: 0 }, 'cara', t2, ids());
    expect(second.fields.rootCause).toBe('B');
    expect(second.stamps.rootCause.version).toBe(2);
    expect(second.conflict).toEqual({ field: 'rootCause', overwrote: 'bob', at: t1.toISOString() });
    expect(applyFieldEdit(first, { field: 'rootCause', value: 'C', baseVersion: 0 }, 'bob', t2, ids()).conflict).toBeNull();
    expect(applyFieldEdit(first, { field: 'rootCause', value: 'C', baseVersion: 1 }, 'cara', t2, ids()).conflict).toBeNull();
  });

  it('keeps the ids of action items it holds and gives new ones to the rest (also to a copied or foreign id)', () => {
    const newId = ids();
    const item = { title: 'Fix it', owner: null, dueDate: null, state: 'open' as const, link: null };
    const first = applyFieldEdit({ fields: emptyFields(), stamps: freshStamps() }, { field: 'actionItems', value: [item, { ...item, id: 'forged' }], baseVersion: 0 }, 'bob', t1, newId);
    expect(first.fields.actionItems.map((i) => i.id)).toEqual(['item-1', 'item-2']);
    const second = applyFieldEdit(first, { field: 'actionItems', value: [{ ...item, id: 'item-2' }, { ...item, id: 'item-2' }, item], baseVersion: 1 }, 'bob', t2, newId);
    expect(second.fields.actionItems.map((i) => i.id)).toEqual(['item-2', 'item-3', 'item-4']);
  });
});
