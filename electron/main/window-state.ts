import { z } from 'zod';
import type { DisplayLike } from './display-choice.js';

/** A window's position and size in screen coordinates. */
export const BoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(150).max(20_000),
});
export type Bounds = z.infer<typeof BoundsSchema>;

/** How the main window was left: where, and whether maximised. */
export const WindowStateSchema = z.object({ bounds: BoundsSchema, maximized: z.boolean().default(false) });
export type WindowState = z.infer<typeof WindowStateSchema>;

/** How much of a window must lie on some display for its saved place to be reused. */
const MIN_VISIBLE = 64;

function overlap(a: Bounds, b: DisplayLike['bounds']): { w: number; h: number } {
  return {
    w: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    h: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Returns where to open a window: its saved bounds when at least a 64×64 corner of them is still on a
 * connected display (a display may have been unplugged since), else `fallback` centred on `primary`,
 * shrunk to fit it.
 */
export function restoreBounds(saved: Bounds | undefined, displays: readonly DisplayLike[], primary: DisplayLike, fallback: { width: number; height: number }): Bounds {
  if (saved && displays.some((d) => { const o = overlap(saved, d.bounds); return o.w >= MIN_VISIBLE && o.h >= MIN_VISIBLE; })) return saved;
  const width = Math.min(fallback.width, primary.bounds.width);
  const height = Math.min(fallback.height, primary.bounds.height);
  return {
    x: Math.round(primary.bounds.x + (primary.bounds.width - width) / 2),
    y: Math.round(primary.bounds.y + (primary.bounds.height - height) / 2),
    width,
    height,
  };
}
