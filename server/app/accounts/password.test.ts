import { describe, expect, it } from 'vitest';
import { hashPassword, isPasswordHash, verifyDummyPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('writes scrypt$N$r$p$salt$hash with the documented costs and a fresh salt', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.split('$')[5]!, 'base64')).toHaveLength(64);
    expect(a).not.toBe(b);
    expect(isPasswordHash(a)).toBe(true);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('s3cret-passw0rd');
    expect(await verifyPassword('s3cret-passw0rd', hash)).toBe(true);
    expect(await verifyPassword('s3cret-passw0rd ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('treats differently composed Unicode the same', async () => {
    const hash = await hashPassword('caf\u00e9-latte');
    expect(await verifyPassword('cafe\u0301-latte', hash)).toBe(true);
  });

  it('never matches a malformed or over-expensive hash, and does not throw', async () => {
    for (const bad of ['', 'plain', 'scrypt$16384$8$1$$', 'bcrypt$x', 'scrypt$1000$8$1$c2FsdHNhbHQ=$a2V5a2V5a2V5a2V5a2V5', 'scrypt$4194304$8$1$c2FsdHNhbHQ=$a2V5a2V5a2V5a2V5a2V5']) {
      expect(await verifyPassword('anything', bad)).toBe(false);
      expect(isPasswordHash(bad)).toBe(false);
    }
  });

  it('runs a dummy check for unknown users', async () => {
    await expect(verifyDummyPassword('whatever')).resolves.toBeUndefined();
  });
});
