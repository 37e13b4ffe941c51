import { describe, expect, it } from 'vitest';
import { sizeText } from './board-format.js';

describe('board formatting', () => {
  it('shows sizes for people', () => {
    expect(sizeText(512)).toBe('512 B');
    expect(sizeText(3.4 * 1024 * 1024)).toBe('3.4 MB');
  });
});
