import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { useBoardServices } from '../board/board-services.js';
import type { ApiAuth, DirectoryService, DirectoryUser } from '../board/incident-api.js';

/**
 * The people and services the board names: assignment and paging pickers list the people, and the
 * board shows service and person names instead of ids. Loaded once per session, refreshed on demand.
 */
export const useDirectoryStore = defineStore('directory', () => {
  const { api } = useBoardServices();

  const users = shallowRef<readonly DirectoryUser[]>([]);
  const services = shallowRef<readonly DirectoryService[]>([]);
  const error = ref<string | null>(null);

  const userById = computed(() => new Map(users.value.map((u) => [u.id, u])));
  const serviceById = computed(() => new Map(services.value.map((s) => [s.id, s])));
  /** Team ids of the services, sorted (the board's team filter). */
  const teams = computed(() => [...new Set(services.value.map((s) => s.team))].sort());

  /** Loads the people and services; on failure the ids stay readable and `error` says why. */
  async function load(auth: ApiAuth): Promise<void> {
    try {
      const [people, known] = await Promise.all([api.users(auth), api.services(auth)]);
      users.value = people;
      services.value = known;
      error.value = null;
    } catch (cause) {
      error.value = cause instanceof Error ? cause.message : String(cause);
    }
  }

  /** A person's name, or their id when they are unknown. */
  function userName(id: string | null): string {
    if (!id) return '';
    return userById.value.get(id)?.name ?? id;
  }

  /** A service's name, or its id when it is unknown. */
  function serviceName(id: string): string {
    return serviceById.value.get(id)?.name ?? id;
  }

  /** A person's or service's name, for the board's text search. */
  function nameOf(id: string): string {
    return userById.value.get(id)?.name ?? serviceById.value.get(id)?.name ?? id;
  }

  return { users, services, teams, error, load, userName, serviceName, nameOf };
});
