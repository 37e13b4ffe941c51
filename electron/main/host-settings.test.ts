import { describe, expect, it } from 'vitest';
import { applySettingsPatch, HostSettingsPatchSchema, readHostSettings } from './host-settings.js';

describe('readHostSettings', () => {
  it('fills in the defaults of HostSettingsSchema', () => {
    expect(readHostSettings(undefined)).toEqual({ relayUrl: 'http://127.0.0.1:7300', soundMuted: false });
    expect(readHostSettings({})).toEqual({ relayUrl: 'http://127.0.0.1:7300', soundMuted: false });
  });

  it('keeps valid fields and replaces invalid ones with defaults', () => {
    expect(readHostSettings({ relayUrl: 'https://noc.example', soundMuted: 'yes' })).toEqual({
      relayUrl: 'https://noc.example',
      soundMuted: false,
    });
    expect(readHostSettings({ relayUrl: 'not a url', soundMuted: true })).toEqual({
      relayUrl: 'http://127.0.0.1:7300',
      soundMuted: true,
    });
  });

  it("uses the launcher's relay address as the default when given", () => {
    expect(readHostSettings({}, 'http://127.0.0.1:7400').relayUrl).toBe('http://127.0.0.1:7400');
    expect(readHostSettings({ relayUrl: 'https://noc.example' }, 'http://127.0.0.1:7400').relayUrl).toBe('https://noc.example');
  });
});

describe('settings patches', () => {
  it('accept known fields only and do not fill defaults in', () => {
    expect(HostSettingsPatchSchema.parse({ soundMuted: true })).toEqual({ soundMuted: true });
    expect(HostSettingsPatchSchema.safeParse({ relayUrl: 'nope' }).success).toBe(false);
    expect(HostSettingsPatchSchema.safeParse({ evil: 1 }).success).toBe(false);
  });

  it('change only what they name', () => {
    const current = { relayUrl: 'https://noc.example', soundMuted: false };
    expect(applySettingsPatch(current, { soundMuted: true })).toEqual({ relayUrl: 'https://noc.example', soundMuted: true });
  });
});
