import { defineStore } from 'pinia';
import { computed, inject, type InjectionKey, ref } from 'vue';
import { useSessionStore } from '../stores/use-session-store.js';
import { createWallboardTokenApi, type TokenAuth, type WallboardTokenApi, type WallboardTokenView } from './wallboard-token-api.js';
import { wallboardLink } from './wallboard-fragment.js';

/** The injection key of the wallboard-token API; the real client is used when none is provided. */
export const WallboardTokenApiKey: InjectionKey<WallboardTokenApi> = Symbol('klaxon.wallboard-token-api');

/**
 * Managing wall screens: the wallboard tokens, creating one (its link is shown once, with the token in
 * the fragment) and revoking one. Only IR managers and admins may.
 */
export const useWallboardTokensStore = defineStore('wallboard-tokens', () => {
  const api = inject(WallboardTokenApiKey, null) ?? createWallboardTokenApi();
  const session = useSessionStore();
  const tokens = ref<WallboardTokenView[]>([]);
  /** The link of the token created last; it cannot be shown again. */
  const newLink = ref<string | null>(null);
  const error = ref<string | null>(null);
  const canManage = computed(() => session.user?.role === 'admin' || session.user?.role === 'ir-manager');

  function auth(): TokenAuth {
    if (!session.relayUrl || !session.token) throw new Error('Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  }

  async function run(action: () => Promise<void>): Promise<void> {
    try {
      await action();
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  /** Loads the tokens (managers only). */
  const load = () =>
    run(async () => {
      if (canManage.value) tokens.value = await api.list(auth());
    });

  /** Creates a token for the screen called `name` and shows its link once. */
  const create = (name: string) =>
    run(async () => {
      const a = auth();
      const created = await api.create(a, name);
      newLink.value = wallboardLink(a.relayUrl, created.token);
      tokens.value = await api.list(a);
    });

  /** Revokes a token; the screen using it stops updating at its next poll. */
  const revoke = (id: string) =>
    run(async () => {
      const a = auth();
      await api.revoke(a, id);
      tokens.value = await api.list(a);
    });

  return { tokens, newLink, error, canManage, load, create, revoke };
});
