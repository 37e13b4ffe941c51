import { describe, expect, it } from 'vitest';
import type { DisplayLike } from './display-choice.js';
import { restoreBounds, WindowStateSchema } from './window-state.js';

const primary: DisplayLike = { id: 1, label: 'main', bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const right: DisplayLike = { id: 2, label: 'right', bounds: { x: 1920, y: 0, width: 1280, height: 1024 } };
const fallback = { width: 1280, height: 800 };

describe('restoreBounds', () => {
  it('reuses saved bounds that are still on a display, even on a second one', () => {
    const saved = { x: 2000, y: 100, width: 1000, height: 700 };
    expect(restoreBounds(saved, [primary, right], primary, fallback)).toEqual(saved);
  });

  it('centres the default size on the primary display when the saved place is off every screen', () => {
    const unplugged = { x: 2000, y: 100, width: 1000, height: 700 };
    expect(restoreBounds(unplugged, [primary], primary, fallback)).toEqual({ x: 320, y: 140, width: 1280, height: 800 });
    // Only a sliver left on screen does not count.
    expect(restoreBounds({ x: 1900, y: 0, width: 800, height: 600 }, [primary], primary, fallback).x).toBe(320);
    expect(restoreBounds(undefined, [primary], primary, fallback)).toEqual({ x: 320, y: 140, width: 1280, height: 800 });
  });

  it('shrinks the default to a small primary display', () => {
    const small: DisplayLike = { id: 1, label: 'small', bounds: { x: 0, y: 0, width: 1024, height: 768 } };
    expect(restoreBounds(undefined, [small], small, fallback)).toEqual({ x: 0, y: 0, width: 1024, height: 768 });
  });
});

describe('WindowStateSchema', () => {
  it('accepts a saved state and refuses nonsense sizes', () => {
    expect(WindowStateSchema.parse({ bounds: { x: -10, y: 5, width: 800, height: 600 } })).toEqual({ bounds: { x: -10, y: 5, width: 800, height: 600 }, maximized: false });
    expect(WindowStateSchema.safeParse({ bounds: { x: 0, y: 0, width: 10, height: 600 } }).success).toBe(false);
  });
});
