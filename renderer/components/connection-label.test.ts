import { describe, expect, it } from 'vitest';
import { connectionLabel } from './connection-label.js';

const utc = { zone: 'UTC', hourCycle: 24 as const };

describe('connectionLabel', () => {
  it('says Live when connected', () => {
    expect(connectionLabel('live', null, true, utc)).toMatchObject({ text: 'Live', tone: 'live' });
  });

  it('says Connecting… before the first connect and Reconnecting… after a drop', () => {
    expect(connectionLabel('reconnecting', null, false, utc).text).toBe('Connecting…');
    expect(connectionLabel('reconnecting', new Date(), true, utc).text).toBe('Reconnecting…');
  });

  it('says since when the console is offline, on the viewer clock', () => {
    const since = new Date('2030-01-01T21:05:00Z');
    expect(connectionLabel('offline', since, true, utc)).toMatchObject({ text: 'Offline since 21:05 UTC', tone: 'offline' });
    expect(connectionLabel('offline', since, true, { zone: 'America/New_York', hourCycle: 12 }).text).toBe('Offline since 4:05 PM EST');
  });
});
