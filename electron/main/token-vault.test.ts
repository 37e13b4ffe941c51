import { describe, expect, it } from 'vitest';
import { type CipherSlot, createTokenVault, type SafeStorageLike } from './token-vault.js';

function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from(`enc:${text}`),
    decryptString: (data) => {
      const text = data.toString();
      if (!text.startsWith('enc:')) throw new Error('cannot decrypt');
      return text.slice(4);
    },
  };
}

function memorySlot(): CipherSlot & { value: string | undefined } {
  const slot = {
    value: undefined as string | undefined,
    get: () => slot.value,
    set: (v: string) => void (slot.value = v),
    delete: () => void (slot.value = undefined),
  };
  return slot;
}

describe('createTokenVault', () => {
  it('stores the token encrypted, as base64', () => {
    const slot = memorySlot();
    const vault = createTokenVault(fakeSafeStorage(true), slot);
    vault.save('secret-token');
    expect(slot.value).toBe(Buffer.from('enc:secret-token').toString('base64'));
    expect(slot.value).not.toContain('secret-token');
    expect(createTokenVault(fakeSafeStorage(true), slot).load()).toBe('secret-token');
    vault.clear();
    expect(slot.value).toBeUndefined();
    expect(vault.load()).toBeNull();
  });

  it('keeps the token in memory only without a real keychain', () => {
    for (const storage of [fakeSafeStorage(false), fakeSafeStorage(true, 'basic_text')]) {
      const slot = memorySlot();
      const vault = createTokenVault(storage, slot);
      vault.save('secret-token');
      expect(slot.value).toBeUndefined();
      expect(vault.load()).toBe('secret-token');
      expect(createTokenVault(storage, slot).load()).toBeNull();
    }
  });

  it('forgets a stored token it cannot decrypt', () => {
    const slot = memorySlot();
    slot.value = Buffer.from('garbage').toString('base64');
    expect(createTokenVault(fakeSafeStorage(true), slot).load()).toBeNull();
    expect(slot.value).toBeUndefined();
  });
});
