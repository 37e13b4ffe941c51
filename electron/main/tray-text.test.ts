import { describe, expect, it } from 'vitest';
import { trayTitle, trayTooltip } from './tray-text.js';

describe('tray text', () => {
  it('says how many high-priority incidents are unread', () => {
    expect(trayTooltip(0)).toBe('Klaxon — no unread high-priority incidents');
    expect(trayTooltip(1)).toBe('Klaxon — 1 unread high-priority incident');
    expect(trayTooltip(12)).toBe('Klaxon — 12 unread high-priority incidents');
    expect([trayTitle(0), trayTitle(3)]).toEqual(['', '3']);
  });
});
