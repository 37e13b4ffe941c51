import { defineStore } from 'pinia';
import { computed, inject, type InjectionKey, ref, shallowRef } from 'vue';
import type { RelayLink } from '../services/socket.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createClientsApi, ClientsApiError, type ClientsApi, type ClientsAuth, type ClientServiceOption, type ClientView } from './clients-api.js';

/** The injection key of the client API; the real client on `fetch` is used when none is provided. */
export const ClientsApiKey: InjectionKey<ClientsApi> = Symbol('klaxon.clients-api');

/** The push the relay sends on `/console` after a client write; consoles fetch the list again. */
export const CLIENTS_CHANGED = 'clients:changed';

/** The part of the console socket this store listens on (the push carries no payload). */
interface ClientsPushSource {
  on(event: typeof CLIENTS_CHANGED | 'connect', listener: () => void): unknown;
  off(event: typeof CLIENTS_CHANGED | 'connect', listener: () => void): unknown;
}

/** Whether the client list is being fetched, is there, or could not be fetched. */
export type ClientsStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The MSP's clients as every console page needs them: the list (the Clients page), a name by id
 * (the board's Client column and filter, the incident detail), and the services the editor offers.
 * Fetched on sign-in and again whenever the relay says the clients changed.
 */
export const useClientsStore = defineStore('clients', () => {
  const api = inject(ClientsApiKey, null) ?? createClientsApi();
  const session = useSessionStore();

  const clients = shallowRef<readonly ClientView[]>([]);
  const services = shallowRef<readonly ClientServiceOption[]>([]);
  const status = ref<ClientsStatus>('idle');
  const error = ref<string | null>(null);
  let seq = 0;

  const byId = computed(() => new Map(clients.value.map((c) => [c.id, c])));
  const serviceById = computed(() => new Map(services.value.map((s) => [s.id, s])));

  function auth(): ClientsAuth {
    if (!session.relayUrl || !session.token) throw new ClientsApiError(401, 'Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  }

  /** Fetches the clients and the services; an answer overtaken by a newer fetch is dropped. */
  async function load(): Promise<void> {
    const mine = ++seq;
    if (status.value !== 'ready') status.value = 'loading';
    try {
      const a = auth();
      const [list, known] = await Promise.all([api.list(a), api.services(a)]);
      if (mine !== seq) return;
      clients.value = [...list].sort((x, y) => x.name.localeCompare(y.name));
      services.value = [...known].sort((x, y) => x.name.localeCompare(y.name));
      status.value = 'ready';
      error.value = null;
    } catch (cause) {
      if (mine !== seq) return;
      error.value = (cause as Error).message;
      // A list already shown stays; the message says it may be stale.
      if (status.value !== 'ready') status.value = 'error';
    }
  }

  /** Puts a client the relay just answered with into the list (before the push's refetch lands). */
  function put(client: ClientView): void {
    clients.value = [...clients.value.filter((c) => c.id !== client.id), client].sort((x, y) => x.name.localeCompare(y.name));
  }

  /** Takes a deleted client out of the list. */
  function drop(id: string): void {
    clients.value = clients.value.filter((c) => c.id !== id);
  }

  /** Follows `clients:changed` pushes (and reconnects, which may have missed some) on `link`; returns the stop function. */
  function follow(link: RelayLink): () => void {
    const socket = link.socket as unknown as ClientsPushSource;
    const refetch = () => void load();
    socket.on(CLIENTS_CHANGED, refetch);
    socket.on('connect', refetch);
    return () => {
      socket.off(CLIENTS_CHANGED, refetch);
      socket.off('connect', refetch);
    };
  }

  /** A client's name; its id when the console does not know it; empty for none. */
  function clientName(id: string | null | undefined): string {
    if (!id) return '';
    return byId.value.get(id)?.name ?? id;
  }

  /** A service's name, or its id when it is unknown. */
  function serviceName(id: string): string {
    return serviceById.value.get(id)?.name ?? id;
  }

  return { clients, services, status, error, byId, load, put, drop, follow, clientName, serviceName, auth };
});
