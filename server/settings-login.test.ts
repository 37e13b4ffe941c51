import { describe, expect, it } from 'vitest';
import { parseSettings, SettingsError, settingsUsage } from './settings.js';

const linux = { platform: 'linux' as const, homeDir: '/home/ann', argv: [] as string[] };

function errorOf(fn: () => unknown): SettingsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

describe('KLAXON_LOGIN_* settings', () => {
  it('default to 5 free attempts, 1s doubling to 15m, lockout after 20, forgotten after 1h', () => {
    expect(parseSettings({ ...linux, env: {} })).toMatchObject({
      loginFreeAttempts: 5,
      loginBaseDelaySeconds: 1,
      loginMaxDelaySeconds: 900,
      loginLockoutAfter: 20,
      loginForgetSeconds: 3600,
    });
  });

  it('reads each variable, and flags win', () => {
    const env = {
      KLAXON_LOGIN_FREE_ATTEMPTS: '3',
      KLAXON_LOGIN_BASE_DELAY: '2s',
      KLAXON_LOGIN_MAX_DELAY: '1h',
      KLAXON_LOGIN_LOCKOUT: '0',
      KLAXON_LOGIN_FORGET: '86400',
    };
    expect(parseSettings({ ...linux, env })).toMatchObject({
      loginFreeAttempts: 3,
      loginBaseDelaySeconds: 2,
      loginMaxDelaySeconds: 3600,
      loginLockoutAfter: 0,
      loginForgetSeconds: 86_400,
    });
    expect(parseSettings({ ...linux, env, argv: ['--login-lockout', '7'] }).loginLockoutAfter).toBe(7);
  });

  it.each([
    ['KLAXON_LOGIN_FREE_ATTEMPTS', '0'],
    ['KLAXON_LOGIN_FREE_ATTEMPTS', 'five'],
    ['KLAXON_LOGIN_BASE_DELAY', '0s'],
    ['KLAXON_LOGIN_BASE_DELAY', '1 second'],
    ['KLAXON_LOGIN_MAX_DELAY', '-5'],
    ['KLAXON_LOGIN_LOCKOUT', '100001'],
    ['KLAXON_LOGIN_FORGET', 'forever'],
  ])('names %s when it is wrong (%j)', (name, value) => {
    const error = errorOf(() => parseSettings({ ...linux, env: { [name]: value } }));
    expect(error.setting).toBe(name);
    expect(error.message).toContain(`${name}: expected `);
  });

  it('lists the login flags in the usage text', () => {
    for (const flag of ['--login-free-attempts', '--login-base-delay', '--login-max-delay', '--login-lockout', '--login-forget']) {
      expect(settingsUsage()).toContain(flag);
    }
  });
});
