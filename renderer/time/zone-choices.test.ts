import { describe, expect, it } from 'vitest';
import { knownZones, zoneChoices } from './zone-choices.js';

const AT = new Date('2026-03-08T06:30:00Z');

describe('the zone menu', () => {
  it('offers automatic, the browser, then every zone with its label at that instant', () => {
    const choices = zoneChoices(AT, 'auto', ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham']);
    expect(choices.map((c) => c.value)).toEqual(['auto', 'browser', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham']);
    expect(choices.slice(3).map((c) => c.label)).toEqual(['America/New York (EST)', 'Asia/Kolkata (UTC+5:30)', 'Pacific/Chatham (UTC+13:45)']);
  });

  it('keeps a chosen zone the browser does not list', () => {
    expect(zoneChoices(AT, 'Asia/Calcutta', ['UTC']).map((c) => c.value)).toEqual(['auto', 'browser', 'Asia/Calcutta', 'UTC']);
  });

  it('knows the zones of this runtime, UTC first', () => {
    const zones = knownZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Pacific/Chatham');
  });
});
