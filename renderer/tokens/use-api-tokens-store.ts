import { defineStore } from 'pinia';
import { computed, inject, type InjectionKey, ref } from 'vue';
import type { ApiToken, ApiTokenCreated } from '../../shared/schemas/api-token.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { ApiTokensError, createApiTokensApi, type ApiTokenDraft, type ApiTokensApi, type ApiTokensAuth } from './api-tokens-api.js';

/** The injection key of the API tokens client; the real client is used when none is provided. */
export const ApiTokensApiKey: InjectionKey<ApiTokensApi> = Symbol('klaxon.api-tokens-api');

/**
 * The Tokens page's state: the API tokens (yours; every token for admins), creating one (its secret
 * is kept only until the person closes the dialog) and revoking one.
 */
export const useApiTokensStore = defineStore('api-tokens', () => {
  const api = inject(ApiTokensApiKey, null) ?? createApiTokensApi();
  const session = useSessionStore();
  const tokens = ref<ApiToken[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  /** The field the relay refused in the last create, if it named one. */
  const errorField = ref<string | null>(null);
  /** The token created last, with its secret, until `forgetSecret`. */
  const created = ref<ApiTokenCreated | null>(null);
  const isAdmin = computed(() => session.user?.role === 'admin');

  function auth(): ApiTokensAuth {
    if (!session.relayUrl || !session.token) throw new ApiTokensError('Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  }

  async function run(action: () => Promise<void>): Promise<boolean> {
    try {
      await action();
      error.value = null;
      errorField.value = null;
      return true;
    } catch (e) {
      error.value = (e as Error).message;
      errorField.value = e instanceof ApiTokensError ? (e.field ?? null) : null;
      return false;
    }
  }

  /** Loads the tokens. */
  const load = () =>
    run(async () => {
      loading.value = true;
      try {
        tokens.value = await api.list(auth());
        loaded.value = true;
      } finally {
        loading.value = false;
      }
    });

  /** Creates a token; its secret stays in `created` until `forgetSecret`. Answers whether it worked. */
  const create = (draft: ApiTokenDraft) =>
    run(async () => {
      const a = auth();
      created.value = await api.create(a, draft);
      tokens.value = await api.list(a);
    });

  /** Revokes a token; scripts using it get 401 from now on. */
  const revoke = (id: string) =>
    run(async () => {
      const a = auth();
      await api.revoke(a, id);
      tokens.value = await api.list(a);
    });

  /** Drops the secret of the token created last (the dialog closed). */
  function forgetSecret(): void {
    created.value = null;
  }

  return { tokens, loading, loaded, error, errorField, created, isAdmin, load, create, revoke, forgetSecret };
});
