import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { User } from '../../shared/schemas/user.js';
import { PhoneApiError, type DeviceRegistration } from './phone-api.js';
import { usePhoneServices } from './phone-services.js';
import { finishPhoneSso } from './phone-sso.js';

/** The storage key of this phone's device token. */
export const DEVICE_TOKEN_KEY = 'klaxon.device-token';
/** The storage key of the person the token belongs to, as the relay last said. */
export const DEVICE_USER_KEY = 'klaxon.device-user';

/**
 * The phone's session: its device token (kept across launches, because a pager must keep working
 * after the phone restarts) and the person it belongs to. Pairing with a code and signing in with a
 * password both end in a device token, which the console lists and can revoke.
 */
export const usePhoneSessionStore = defineStore('phone-session', () => {
  const { api, storage } = usePhoneServices();
  const token = ref<string | null>(null);
  const user = ref<User | null>(null);
  const error = ref<string | null>(null);
  const busy = ref(false);
  const signedIn = computed(() => token.value !== null && user.value !== null);

  const adopt = (registration: DeviceRegistration) => {
    storage.setItem(DEVICE_TOKEN_KEY, registration.token);
    storage.setItem(DEVICE_USER_KEY, JSON.stringify(registration.user));
    token.value = registration.token;
    user.value = registration.user;
  };

  /** The relay asked for the account's authenticator code: the sign-in form shows its field. */
  const codeNeeded = ref(false);

  const attempt = async (work: () => Promise<DeviceRegistration>): Promise<boolean> => {
    busy.value = true;
    error.value = null;
    try {
      adopt(await work());
      return true;
    } catch (cause) {
      error.value = cause instanceof PhoneApiError ? cause.message : String(cause);
      if (cause instanceof PhoneApiError && cause.field === 'totp') codeNeeded.value = true;
      return false;
    } finally {
      busy.value = false;
    }
  };

  function forget(): void {
    storage.removeItem(DEVICE_TOKEN_KEY);
    storage.removeItem(DEVICE_USER_KEY);
    token.value = null;
    user.value = null;
  }

  /** Resumes with the kept token; a revoked token is forgotten, an unreachable relay keeps it. */
  async function restore(): Promise<void> {
    const kept = storage.getItem(DEVICE_TOKEN_KEY);
    if (!kept) return;
    try {
      user.value = await api.me(kept);
      token.value = kept;
      storage.setItem(DEVICE_USER_KEY, JSON.stringify(user.value));
    } catch (cause) {
      if (cause instanceof PhoneApiError && cause.status === 401) {
        forget();
        error.value = 'This phone was unpaired; pair it again';
        return;
      }
      // Offline at launch: keep paging with the token as the person last seen; the link reconnects later.
      const last = storage.getItem(DEVICE_USER_KEY);
      if (!last) return;
      token.value = kept;
      user.value = JSON.parse(last) as User;
    }
  }

  return {
    token,
    user,
    error,
    busy,
    signedIn,
    restore,
    /** Pairs this phone with a one-time code from the console. */
    pair: (code: string, name: string) => attempt(() => api.pair(code, name)),
    /** Signs in with a password and registers this phone. */
    codeNeeded,
    signIn: (username: string, password: string, name: string, totp?: string) =>
      attempt(() => api.signInAndRegister(username, password, name, codeNeeded.value && totp?.trim() ? totp.trim() : undefined)),
    /** Finishes single sign-on with the code the relay sent this tab back with, and registers this phone. */
    ssoSignIn: (code: string, name: string) => attempt(() => finishPhoneSso(code, name, { storage: window.sessionStorage })),
    /**
     * Signs out: the relay revokes this phone's device token (so a lost or handed-on phone holds no
     * power), then the phone forgets it. An unreachable relay is reported and the token kept, so
     * that the person can try again rather than leave a live token behind; a token the relay no
     * longer knows (401) is simply forgotten.
     */
    async signOut(): Promise<boolean> {
      const kept = token.value;
      if (kept) {
        try {
          await api.signOut(kept);
        } catch (cause) {
          if (!(cause instanceof PhoneApiError && cause.status === 401)) {
            error.value = cause instanceof PhoneApiError ? cause.message : String(cause);
            return false;
          }
        }
      }
      error.value = null;
      forget();
      return true;
    },
  };
});
