import { describe, expect, it } from 'vitest';
import { boardCommandFor } from '../board-shortcuts.js';
import { DETAIL_SHORTCUTS, detailCommandFor } from './detail-shortcuts.js';

const press = (key: string, extra: Partial<Parameters<typeof detailCommandFor>[0]> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: null,
  ...extra,
});

describe('detail page shortcuts', () => {
  it('use the board keys for the triage commands', () => {
    for (const key of ['a', 'f', 'v', 'r', 't', 'g', 'p', '?']) {
      expect(detailCommandFor(press(key))).toBe(boardCommandFor(press(key)));
    }
    expect(detailCommandFor(press('f'))).toBe('false-positive');
    expect(detailCommandFor(press('v'))).toBe('confirm');
  });

  it('leave the board-only keys and typing alone', () => {
    for (const key of ['j', 'k', 'x', 'Enter', '/', 'z', 'Escape']) expect(detailCommandFor(press(key))).toBeNull();
    expect(detailCommandFor(press('a', { ctrlKey: true }))).toBeNull();
    expect(detailCommandFor(press('f', { target: { tagName: 'TEXTAREA' } as unknown as EventTarget }))).toBeNull();
  });

  it('list in the help exactly the keys the page takes', () => {
    expect(DETAIL_SHORTCUTS.map((s) => s.keys)).toEqual(['a', 'f', 'v', 'r', 't', 'g', 'p', '?']);
  });
});
