import { inject, type InjectionKey, ref } from 'vue';
import { RelayRequestError, type RelayAuth } from '../services/relay-request.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createAdminApi, type AdminApi } from './admin-api.js';

/** The injection key of the admin client; the real client is used when none is provided. */
export const AdminApiKey: InjectionKey<AdminApi> = Symbol('klaxon.admin-api');

/**
 * One form's calls to the relay's admin routes: `run` carries out a call as the signed-in person and
 * keeps the relay's refusal (its message, which names the field, and the field itself) for the form
 * to show next to its input, or clears it when the call worked.
 */
export function useAdminRequest() {
  const api = inject(AdminApiKey, null) ?? createAdminApi();
  const session = useSessionStore();
  const error = ref<string | null>(null);
  const field = ref<string | null>(null);
  const busy = ref(false);

  /** Runs `call`; answers its value, or undefined after keeping the refusal in `error` and `field`. */
  async function run<T>(call: (api: AdminApi, auth: RelayAuth) => Promise<T>): Promise<T | undefined> {
    if (!session.relayUrl || !session.token) {
      error.value = 'Sign in first';
      return undefined;
    }
    busy.value = true;
    try {
      const value = await call(api, { relayUrl: session.relayUrl, token: session.token });
      error.value = null;
      field.value = null;
      return value;
    } catch (e) {
      error.value = (e as Error).message;
      field.value = e instanceof RelayRequestError ? (e.field ?? null) : null;
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  /** Forgets the last refusal (a form was reset). */
  function clear(): void {
    error.value = null;
    field.value = null;
  }

  return { error, field, busy, run, clear };
}
