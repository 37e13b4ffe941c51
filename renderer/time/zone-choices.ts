import { browserZone, zoneCity, zoneLabel } from './time-zone.js';

/** One choice of the zone menu. */
export interface ZoneChoice {
  value: string;
  label: string;
}

/**
 * The zone menu of the clock settings: "automatic", "this browser's", then every zone the browser
 * knows, each with its label at `now` ("Asia/Kolkata (UTC+5:30)"); the chosen zone stays listed even
 * if the browser does not list it.
 */
export function zoneChoices(now: Date, chosen: string, known: readonly string[] = knownZones()): ZoneChoice[] {
  const browser = browserZone();
  const zones = known.includes(chosen) || chosen === 'auto' || chosen === 'browser' ? known : [chosen, ...known];
  return [
    { value: 'auto', label: `Automatic: the team's zone on team pages, this browser's (${zoneCity(browser)}) elsewhere` },
    { value: 'browser', label: `This browser's zone (${browser}, ${zoneLabel(browser, now)})` },
    ...zones.map((zone) => ({ value: zone, label: `${zone.replace(/_/g, ' ')} (${zoneLabel(zone, now)})` })),
  ];
}

/** The zones this browser knows, UTC first. */
export function knownZones(): string[] {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...list.filter((zone) => zone !== 'UTC')];
}
