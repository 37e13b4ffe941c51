import { z } from 'zod';
import { type HostSettings, HostSettingsSchema } from '../../shared/ipc.js';

/** A partial settings update from the console, checked field by field (no defaults filled in). */
export const HostSettingsPatchSchema = z
  .object({
    relayUrl: HostSettingsSchema.shape.relayUrl.unwrap().optional(),
    soundMuted: HostSettingsSchema.shape.soundMuted.unwrap().optional(),
  })
  .strict();

/**
 * Reads stored settings: valid fields are kept, invalid or missing ones take their defaults, so a
 * hand-edited or older settings file never stops the app from starting. `fallbackRelayUrl` (the
 * launcher's relay) replaces the built-in default address when given.
 */
export function readHostSettings(raw: unknown, fallbackRelayUrl?: string): HostSettings {
  const defaults = HostSettingsSchema.parse(fallbackRelayUrl ? { relayUrl: fallbackRelayUrl } : {});
  if (!raw || typeof raw !== 'object') return defaults;
  const record = raw as Record<string, unknown>;
  const settings: HostSettings = { ...defaults };
  const relayUrl = HostSettingsSchema.shape.relayUrl.safeParse(record.relayUrl);
  if (record.relayUrl !== undefined && relayUrl.success) settings.relayUrl = relayUrl.data;
  const soundMuted = HostSettingsSchema.shape.soundMuted.safeParse(record.soundMuted);
  if (record.soundMuted !== undefined && soundMuted.success) settings.soundMuted = soundMuted.data;
  return settings;
}

/** Applies a checked patch to settings and validates the result as a whole. */
export function applySettingsPatch(current: HostSettings, patch: z.infer<typeof HostSettingsPatchSchema>): HostSettings {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return HostSettingsSchema.parse({ ...current, ...defined });
}
