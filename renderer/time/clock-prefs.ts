import { isValidZone } from './time-zone.js';
import type { HourCycle } from './format-instant.js';

/**
 * Which zone the viewer reads times in:
 * - `auto` (the default): the team's zone on a team's pages (a schedule, its calendar), this browser's elsewhere;
 * - `browser`: always this browser's zone;
 * - an IANA zone name ("Asia/Kolkata"): always that zone.
 */
export type ZonePreference = 'auto' | 'browser' | (string & {});

/** The viewer's clock settings, kept per browser. */
export interface ClockPrefs {
  zone: ZonePreference;
  hourCycle: HourCycle;
}

/** Where the settings are kept in localStorage. */
export const CLOCK_PREFS_KEY = 'klaxon.clock';

/** The settings of a viewer who has chosen nothing. */
export const DEFAULT_CLOCK_PREFS: ClockPrefs = { zone: 'auto', hourCycle: 24 };

/** Reads saved settings, falling back field by field to the defaults for anything missing or unknown. */
export function parseClockPrefs(text: string | null): ClockPrefs {
  try {
    const raw: unknown = JSON.parse(text ?? '{}');
    if (!raw || typeof raw !== 'object') return { ...DEFAULT_CLOCK_PREFS };
    const { zone, hourCycle } = raw as Record<string, unknown>;
    return {
      zone: typeof zone === 'string' && (zone === 'auto' || zone === 'browser' || isValidZone(zone)) ? zone : DEFAULT_CLOCK_PREFS.zone,
      hourCycle: hourCycle === 12 || hourCycle === 24 ? hourCycle : DEFAULT_CLOCK_PREFS.hourCycle,
    };
  } catch {
    return { ...DEFAULT_CLOCK_PREFS };
  }
}

/**
 * The zone times are shown in under `prefs`: the chosen zone, else the team's zone when the page
 * belongs to a team and the setting is `auto`, else the browser's.
 */
export function resolveZone(prefs: Pick<ClockPrefs, 'zone'>, browser: string, teamZone?: string | null): string {
  if (prefs.zone === 'browser') return browser;
  if (prefs.zone !== 'auto') return prefs.zone;
  return teamZone && isValidZone(teamZone) ? teamZone : browser;
}
