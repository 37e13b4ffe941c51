import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { formatInstant, formatRange, type TimeStyle } from './format-instant.js';
import { formatRelative } from './format-relative.js';
import { useClockStore } from './use-clock-store.js';

/** The formatters a screen uses, bound to the viewer's settings. */
export interface TimeFormat {
  /** The zone these formatters show times in. */
  zone: () => string;
  /** An instant in the house format with the zone ("28 Nov 2026 14:03 EST"); `style` as in formatInstant. */
  at: (at: string | number | Date | null | undefined, style?: TimeStyle) => string;
  /** A time of day with seconds and zone ("14:03:07 EST"). */
  clock: (at: string | number | Date | null | undefined) => string;
  /** A date and time with the zone ("28 Nov 2026 14:03 EST"). */
  stamp: (at: string | number | Date | null | undefined) => string;
  /** A span ("Sat 28 Nov 14:00 – 16:30 EST"). */
  range: (from: string | number | Date, to: string | number | Date) => string;
  /** How long ago or ahead, against the ticking clock ("4 min ago"). */
  relative: (at: string | number | Date | null | undefined) => string;
}

/**
 * Formatters bound to the viewer's clock settings, for a component's template. Pass the team's zone
 * on a team's page (it applies when the viewer's setting is "automatic"). Because every call reads the
 * store, templates re-render when the viewer changes their settings.
 */
export function useTimeFormat(teamZone?: MaybeRefOrGetter<string | null | undefined>): TimeFormat {
  const clock = useClockStore();
  const zone = computed(() => clock.zoneFor(toValue(teamZone)));
  const opts = () => ({ zone: zone.value, hourCycle: clock.prefs.hourCycle });
  return {
    zone: () => zone.value,
    // Only `smart` depends on today, so only it reads the ticking clock (and re-renders each second).
    at: (at, style) => formatInstant(at, { ...opts(), style, now: style === 'smart' ? clock.now : undefined }),
    clock: (at) => formatInstant(at, { ...opts(), style: 'seconds' }),
    stamp: (at) => formatInstant(at, { ...opts(), style: 'date-time' }),
    range: (from, to) => formatRange(from, to, opts()),
    relative: (at) => formatRelative(at, clock.now),
  };
}
