import { describe, expect, it } from 'vitest';
import { chooseWallboardDisplay, describeDisplays, type DisplayLike } from './display-choice.js';

const laptop: DisplayLike = { id: 1, label: 'Built-in', bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const tv: DisplayLike = { id: 7, label: 'LG TV', bounds: { x: 1920, y: 0, width: 3840, height: 2160 } };
const side: DisplayLike = { id: 3, label: '', bounds: { x: -1280, y: 0, width: 1280, height: 1024 } };

describe('chooseWallboardDisplay', () => {
  it('keeps the remembered display while it is connected', () => {
    expect(chooseWallboardDisplay([laptop, tv, side], 1, 3)).toBe(side);
  });

  it('falls back to the largest non-primary display when the remembered one is gone', () => {
    expect(chooseWallboardDisplay([laptop, side, tv], 1, 99)).toBe(tv);
    expect(chooseWallboardDisplay([laptop, side, tv], 1, null)).toBe(tv);
  });

  it('uses the primary display when it is the only one, and nothing without displays', () => {
    expect(chooseWallboardDisplay([laptop], 1, 7)).toBe(laptop);
    expect(chooseWallboardDisplay([], 1, 7)).toBeUndefined();
  });
});

describe('describeDisplays', () => {
  it('lists the primary first, then left to right, with sizes and a name for unnamed ones', () => {
    expect(describeDisplays([tv, side, laptop], 1)).toEqual([
      { id: 1, primary: true, name: 'Built-in (1920×1080, primary)' },
      { id: 3, primary: false, name: 'Display 2 (1280×1024)' },
      { id: 7, primary: false, name: 'LG TV (3840×2160)' },
    ]);
  });
});
