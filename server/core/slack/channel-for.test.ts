import { describe, expect, it } from 'vitest';
import { slackChannelFor } from './channel-for.js';

describe('slackChannelFor', () => {
  const map = { default: '#all-alerts', services: { rmm: 'C111' }, teams: { noc: 'C222', soc: 'C333' } };

  it('prefers the service, then the team, then the default', () => {
    expect(slackChannelFor(map, { serviceId: 'rmm', teamId: 'noc' })).toBe('C111');
    expect(slackChannelFor(map, { serviceId: 'db', teamId: 'soc' })).toBe('C333');
    expect(slackChannelFor(map, { serviceId: 'db', teamId: 'other' })).toBe('#all-alerts');
  });

  it('posts nowhere when nothing matches and there is no default', () => {
    expect(slackChannelFor({ services: {}, teams: { noc: 'C1' } }, { serviceId: 'db', teamId: 'soc' })).toBeUndefined();
  });
});
