import { watch } from 'vue';
import { type LocationQuery, useRoute, useRouter } from 'vue-router';
import { useBoardViewStore } from '../stores/use-board-view-store.js';

/** The board URL's query parameter holding the client filter (`#/?client=acme&client=globex`). */
export const CLIENT_QUERY = 'client';

/** Reads the client ids of a route query (one or several `client` parameters). */
export function clientsFromQuery(query: LocationQuery): string[] {
  const value = query[CLIENT_QUERY];
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return [...new Set(list.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64))];
}

/** The query with the client filter set to `ids` (left out when empty), other parameters kept. */
export function queryWithClients(query: LocationQuery, ids: readonly string[]): LocationQuery {
  const { [CLIENT_QUERY]: _old, ...rest } = query;
  return ids.length ? { ...rest, [CLIENT_QUERY]: [...ids] } : rest;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Keeps the board's client filter and the URL in step: a link such as `#/?client=acme` opens the
 * board filtered to that client, and choosing clients in the toolbar (or a saved filter) updates
 * the address, so the view can be bookmarked or shared. Call it in the board view's setup.
 */
export function useClientFilterUrl(): void {
  const route = useRoute();
  const router = useRouter();
  const view = useBoardViewStore();

  // The board's own route only: leaving the board must not clear the filter.
  const onBoard = () => route.name === 'board';
  const fromUrl = (ids: string[]) => {
    if (onBoard() && !same(ids, view.filter.clients)) view.setFilter({ clients: ids });
  };
  const toUrl = (ids: readonly string[]) => {
    if (onBoard() && !same(ids, clientsFromQuery(route.query))) void router.replace({ query: queryWithClients(route.query, ids) });
  };
  // On arrival a client in the address wins; without one, a filter kept from before goes into the address.
  const arriving = clientsFromQuery(route.query);
  if (arriving.length) fromUrl(arriving);
  else toUrl(view.filter.clients);
  watch(() => clientsFromQuery(route.query), fromUrl);
  watch(() => view.filter.clients, toUrl);
}
