import { describe, expect, it } from 'vitest';
import { BOARD_SHORTCUTS, boardCommandFor } from './board-shortcuts.js';

const press = (key: string, extra: Partial<Parameters<typeof boardCommandFor>[0]> = {}) =>
  boardCommandFor({ key, ctrlKey: false, metaKey: false, altKey: false, target: null, ...extra });

describe('board shortcuts', () => {
  it('lists every command that has a key in the help, once', () => {
    const listed = BOARD_SHORTCUTS.map((s) => s.command);
    expect(new Set(listed).size).toBe(listed.length);
    for (const key of ['j', 'k', 'x', 'Escape', 'a', 'f', 'v', 'r', 't', 'g', 'p', 'z', 'Z', 'Enter', '/', '?']) {
      expect(listed).toContain(press(key));
    }
  });

  it('maps the triage keys', () => {
    expect(['j', 'k', 'a', 'f', 'r', 't', 'g', '/', '?'].map((k) => press(k))).toEqual([
      'down',
      'up',
      'acknowledge',
      'false-positive',
      'resolve',
      'assign-triage',
      'assign-forensic',
      'search',
      'help',
    ]);
    expect(press('ArrowDown')).toBe('down');
    expect(press('z')).toBe('snooze');
    expect(press('v')).toBe('confirm');
    expect(press('Z')).toBe('unsnooze');
    expect(press('a', { ctrlKey: true })).toBe('select-all');
  });

  it('leaves typing in fields, browser shortcuts and other keys alone', () => {
    expect(press('a', { target: { tagName: 'INPUT' } as unknown as EventTarget })).toBeNull();
    expect(press('j', { target: { tagName: 'TEXTAREA' } as unknown as EventTarget })).toBeNull();
    expect(press('r', { ctrlKey: true })).toBeNull();
    expect(press('f', { altKey: true })).toBeNull();
    expect(press('q')).toBeNull();
    const combobox = { tagName: 'SPAN', getAttribute: (name: string) => (name === 'role' ? 'combobox' : null) };
    expect(press('a', { target: combobox as unknown as EventTarget })).toBeNull();
    expect(press('a', { target: { tagName: 'DIV' } as unknown as EventTarget })).toBe('acknowledge');
  });

  it('leaves Enter to a focused button or link (the menu, the toolbar) but opens the incident from the board', () => {
    expect(press('Enter', { target: { tagName: 'BUTTON' } as unknown as EventTarget })).toBeNull();
    expect(press('Enter', { target: { tagName: 'A' } as unknown as EventTarget })).toBeNull();
    expect(press('a', { target: { tagName: 'BUTTON' } as unknown as EventTarget })).toBe('acknowledge');
    expect(press('Enter', { target: { tagName: 'BODY' } as unknown as EventTarget })).toBe('open');
  });
});
