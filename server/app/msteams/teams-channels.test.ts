import { describe, expect, it } from 'vitest';
import { TeamsChannelConfigSchema } from '../../../shared/schemas/msteams.js';
import { createTeamsChannels } from './teams-channels.js';

const channel = (input: Record<string, unknown>) => TeamsChannelConfigSchema.parse(input);

describe('Teams channels', () => {
  const channels = createTeamsChannels(
    [
      channel({ id: 'noc', webhookUrlEnv: 'T_NOC', services: ['rmm'], fromPriority: 'medium' }),
      channel({ id: 'acme', webhookUrlEnv: 'T_ACME', clients: ['acme'], statusUpdates: false }),
      channel({ id: 'all', webhookUrlEnv: 'T_ALL' }),
      channel({ id: 'unset', webhookUrlEnv: 'T_UNSET' }),
    ],
    { T_NOC: 'https://teams.example/noc', T_ACME: ' https://teams.example/acme ', T_ALL: 'https://teams.example/all', T_UNSET: '  ' },
  );

  it('reads each webhook URL from the environment and names the channels without one', () => {
    expect(channels.usable.map((c) => c.id)).toEqual(['noc', 'acme', 'all']);
    expect(channels.byId('acme')?.webhookUrl).toBe('https://teams.example/acme');
    expect(channels.missing).toEqual(['unset']);
    expect(channels.byId('unset')).toBeUndefined();
  });

  it('posts incidents of the channel\'s services or clients at or above its priority', () => {
    const ids = (list: { id: string }[]) => list.map((c) => c.id);
    expect(ids(channels.forIncident({ serviceId: 'rmm', clientId: null, priority: 'high' }))).toEqual(['noc', 'all']);
    expect(ids(channels.forIncident({ serviceId: 'rmm', clientId: 'acme', priority: 'low' }))).toEqual(['acme', 'all']);
    expect(ids(channels.forIncident({ serviceId: 'db', clientId: null, priority: 'low' }))).toEqual(['all']);
  });

  it('takes status updates at any priority, except on channels that opted out', () => {
    expect(channels.forStatus({ serviceId: 'rmm', clientId: 'acme' }).map((c) => c.id)).toEqual(['noc', 'all']);
  });
});
