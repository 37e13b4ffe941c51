import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { LoginResponse, User } from '../../shared/schemas/user.js';
import { normaliseRelayUrl, RelayError } from '../services/relay-api.js';
import { useServices } from '../services/services.js';

/** Where the console is in signing in. */
export type SessionStatus = 'signed-out' | 'signing-in' | 'signed-in';

/** What the sign-in form submits. */
export interface SignInForm {
  relayUrl: string;
  username: string;
  password: string;
  /** The authenticator app's code (or a recovery code), once the relay asked for it. */
  totp?: string;
}

/**
 * The console's session: who is signed in, at which relay, with which token. The token goes to the
 * host bridge (safeStorage on the desktop, this browser session in a browser), never to localStorage.
 */
export const useSessionStore = defineStore('session', () => {
  const { host, api } = useServices();

  const status = ref<SessionStatus>('signed-out');
  const user = ref<User | null>(null);
  const token = ref<string | null>(null);
  const relayUrl = ref<string | null>(null);
  const expiresAt = ref<Date | null>(null);
  /** The last sign-in error or the reason the session ended, for the sign-in view to show. */
  const error = ref<string | null>(null);
  /** The relay asked for the second factor's code: the sign-in view shows its field. */
  const codeNeeded = ref(false);

  const isSignedIn = computed(() => status.value === 'signed-in');

  /** Signs in at the relay; on failure the store stays signed out and `error` says why. */
  async function signIn(form: SignInForm): Promise<boolean> {
    if (status.value === 'signing-in') return false;
    status.value = 'signing-in';
    error.value = null;
    const code = form.totp?.trim();
    try {
      const base = normaliseRelayUrl(form.relayUrl);
      const answer = await api.login(base, { username: form.username.trim(), password: form.password, ...(codeNeeded.value && code ? { totp: code } : {}) });
      await adopt(base, answer);
      codeNeeded.value = false;
      return true;
    } catch (cause) {
      const askedForCode = cause instanceof RelayError && cause.kind === 'second-factor';
      // The first ask for the code is a step, not an error; a refused code is one.
      const codeSent = codeNeeded.value && Boolean(code);
      if (askedForCode) codeNeeded.value = true;
      else if (cause instanceof RelayError && cause.kind === 'unauthorized') codeNeeded.value = false;
      error.value = askedForCode && !codeSent ? null : cause instanceof RelayError ? cause.message : `Sign-in failed: ${String(cause)}`;
      status.value = 'signed-out';
      return false;
    }
  }

  /**
   * Resumes the session kept by the host (the desktop app keeps it across restarts, a browser tab for
   * its session): asks the relay in settings who the token belongs to. A token the relay no longer
   * accepts is forgotten; an unreachable relay leaves the token for a later try.
   */
  async function restore(): Promise<boolean> {
    if (status.value !== 'signed-out') return false;
    const kept = await host.loadToken();
    if (!kept) return false;
    status.value = 'signing-in';
    const { relayUrl: saved } = await host.getSettings();
    try {
      const base = normaliseRelayUrl(saved);
      user.value = await api.me(base, kept);
      token.value = kept;
      relayUrl.value = base;
      expiresAt.value = null;
      error.value = null;
      status.value = 'signed-in';
      return true;
    } catch (cause) {
      if (cause instanceof RelayError && cause.kind === 'unauthorized') await host.clearToken();
      relayUrl.value = saved;
      error.value = cause instanceof RelayError ? cause.message : `Could not resume the session: ${String(cause)}`;
      status.value = 'signed-out';
      return false;
    }
  }

  /** Ends the session, revokes and forgets the token; `reason` is shown on the sign-in view when given. */
  async function signOut(reason?: string): Promise<void> {
    const revoked = token.value;
    status.value = 'signed-out';
    user.value = null;
    token.value = null;
    expiresAt.value = null;
    error.value = reason ?? null;
    await host.clearToken();
    if (revoked && relayUrl.value) await api.logout(relayUrl.value, revoked);
  }

  /** Takes a session the relay issued by single sign-on (see `services/sso-client.ts`) as if signed in here. */
  async function adopt(base: string, answer: LoginResponse): Promise<void> {
    await host.saveToken(answer.token);
    await host.saveSettings({ relayUrl: base });
    token.value = answer.token;
    user.value = answer.user;
    relayUrl.value = base;
    expiresAt.value = new Date(answer.expiresAt);
    error.value = null;
    status.value = 'signed-in';
  }

  /** Shows why a sign-in that did not go through this form failed (single sign-on). */
  function fail(message: string): void {
    error.value = message;
    status.value = 'signed-out';
  }

  return { status, user, token, relayUrl, expiresAt, error, codeNeeded, isSignedIn, signIn, restore, signOut, adopt, fail };
});
