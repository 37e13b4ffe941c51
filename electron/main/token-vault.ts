/** The part of Electron's safeStorage the vault uses (a parameter, so tests can fake it). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** Where the vault keeps the encrypted token (electron-store in the app). */
export interface CipherSlot {
  get(): string | undefined;
  set(base64: string): void;
  delete(): void;
}

/** Keeps the console's login token. */
export interface TokenVault {
  save(token: string): void;
  load(): string | null;
  clear(): void;
}

/**
 * Creates the token vault: the token is encrypted with the OS keychain through safeStorage and kept
 * as base64. Where no real keychain is available (or Linux falls back to its plain-text backend),
 * the token stays in memory only, for this run of the app, rather than on disk in the clear.
 */
export function createTokenVault(safeStorage: SafeStorageLike, slot: CipherSlot): TokenVault {
  let memoryOnly: string | null = null;
  const canEncrypt = (): boolean =>
    safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';

  return {
    save(token) {
      if (canEncrypt()) {
        slot.set(safeStorage.encryptString(token).toString('base64'));
        memoryOnly = null;
      } else {
        slot.delete();
        memoryOnly = token;
      }
    },
    load() {
      if (memoryOnly !== null) return memoryOnly;
      const stored = slot.get();
      if (!stored || !canEncrypt()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        // A token from another machine or keychain cannot be read: forget it, the user signs in again.
        slot.delete();
        return null;
      }
    },
    clear() {
      memoryOnly = null;
      slot.delete();
    },
  };
}
