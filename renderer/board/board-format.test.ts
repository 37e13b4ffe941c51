import { describe, expect, it } from 'vitest';
import { ageText, sizeText, stampText } from './board-format.js';

describe('board formatting', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it('shows ages in the largest units that matter', () => {
    expect(ageText('2026-11-28T11:59:15Z', now)).toBe('45s');
    expect(ageText('2026-11-28T11:48:00Z', now)).toBe('12m');
    expect(ageText('2026-11-28T08:55:00Z', now)).toBe('3h 05m');
    expect(ageText('2026-11-26T08:00:00Z', now)).toBe('2d 04h');
    expect(ageText('2026-11-28T12:00:05Z', now)).toBe('0s');
  });

  it('shows sizes and stamps for people', () => {
    expect(sizeText(512)).toBe('512 B');
    expect(sizeText(3.4 * 1024 * 1024)).toBe('3.4 MB');
    expect(stampText(null)).toBe('—');
    expect(stampText('2026-11-28T12:00:05Z')).toMatch(/^2026-11-2\d \d\d:\d\d:05$/);
  });
});
