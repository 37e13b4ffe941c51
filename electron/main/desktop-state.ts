import { z } from 'zod';
import { BoundsSchema, WindowStateSchema } from './window-state.js';

/** Where and how the wallboard window shows; its token is kept apart, encrypted (see token-vault.ts). */
export const WallboardWindowSettingsSchema = z.object({
  /** The relay the wallboard reads; null until someone opened a wallboard here. */
  relayUrl: z.url().nullable().default(null),
  /** The display chosen for it; null lets the app pick (the largest non-primary display). */
  displayId: z.number().int().nullable().default(null),
  /** Kiosk mode (full screen, no window frame, no way out but the keyboard shortcut); on by default. */
  kiosk: z.boolean().default(true),
  /** Opens the wallboard when the app starts (a machine that drives a wall screen). */
  openAtStart: z.boolean().default(false),
  /** The window's place when not in kiosk mode. */
  bounds: BoundsSchema.optional(),
});
export type WallboardWindowSettings = z.infer<typeof WallboardWindowSettingsSchema>;

/** What the desktop app remembers about its windows, beside the console's own settings. */
export const DesktopStateSchema = z.object({
  mainWindow: WindowStateSchema.optional(),
  wallboard: WallboardWindowSettingsSchema.default(WallboardWindowSettingsSchema.parse({})),
});
export type DesktopState = z.infer<typeof DesktopStateSchema>;

/**
 * Reads the stored window state field by field: a valid field is kept, a missing or invalid one takes
 * its default, so a hand-edited or older file never stops the app from starting.
 */
export function readDesktopState(raw: unknown): DesktopState {
  const record = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const state = DesktopStateSchema.parse({});
  const mainWindow = WindowStateSchema.safeParse(record.mainWindow);
  if (mainWindow.success) state.mainWindow = mainWindow.data;
  const wallboard = record.wallboard && typeof record.wallboard === 'object' ? (record.wallboard as Record<string, unknown>) : {};
  const shape = WallboardWindowSettingsSchema.shape;
  const keep = <K extends keyof WallboardWindowSettings>(key: K) => {
    const parsed = shape[key].safeParse(wallboard[key]);
    if (wallboard[key] !== undefined && parsed.success) state.wallboard[key] = parsed.data as WallboardWindowSettings[K];
  };
  (Object.keys(shape) as (keyof WallboardWindowSettings)[]).forEach(keep);
  return state;
}
