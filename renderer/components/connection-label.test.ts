import { describe, expect, it } from 'vitest';
import { connectionLabel, formatClock } from './connection-label.js';

describe('connectionLabel', () => {
  it('says Live when connected', () => {
    expect(connectionLabel('live', null, true)).toMatchObject({ text: 'Live', tone: 'live' });
  });

  it('says Connecting… before the first connect and Reconnecting… after a drop', () => {
    expect(connectionLabel('reconnecting', null, false).text).toBe('Connecting…');
    expect(connectionLabel('reconnecting', new Date(), true).text).toBe('Reconnecting…');
  });

  it('says since when the console is offline, in 24-hour time', () => {
    const since = new Date('2030-01-01T21:05:00Z');
    expect(connectionLabel('offline', since, true, 'UTC')).toMatchObject({ text: 'Offline since 21:05', tone: 'offline' });
    expect(formatClock(new Date('2030-01-01T00:07:00Z'), 'UTC')).toBe('00:07');
  });
});
