import { describe, expect, it } from 'vitest';
import { profileFromClaims, slugOf } from './claims-profile.js';

describe('slugOf', () => {
  it('makes a user id from a user name or an e-mail', () => {
    expect(slugOf('Jane.Doe@contoso.com')).toBe('jane.doe');
    expect(slugOf('José Álvarez')).toBe('jose-alvarez');
    expect(slugOf('__x__')).toBe('x');
    expect(slugOf('!!!')).toBe('sso-user');
    expect(slugOf('a'.repeat(100))).toHaveLength(56);
  });
});

describe('profileFromClaims', () => {
  it('reads id, name and e-mail', () => {
    expect(profileFromClaims({ sub: '1', email: 'jane@contoso.com', name: 'Jane Doe', preferred_username: 'jdoe' })).toEqual({
      kind: 'profile',
      profile: { id: 'jdoe', name: 'Jane Doe', email: 'jane@contoso.com' },
    });
  });

  it('falls back to given and family name, then the e-mail', () => {
    expect(profileFromClaims({ email: 'j@c.io', given_name: 'Jane', family_name: 'Doe' })).toMatchObject({ profile: { id: 'j', name: 'Jane Doe' } });
    expect(profileFromClaims({ email: 'j@c.io' })).toMatchObject({ profile: { name: 'j@c.io' } });
  });

  it('refuses claims without a usable e-mail address', () => {
    expect(profileFromClaims({ name: 'Jane' }).kind).toBe('refused');
    expect(profileFromClaims({ email: 'not-an-address' }).kind).toBe('refused');
    expect(profileFromClaims({ email: 42 }).kind).toBe('refused');
  });
});
