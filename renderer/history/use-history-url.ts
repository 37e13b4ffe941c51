import { watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { formFromQuery, type HistoryForm, queryFromForm, sameQuery } from './history-query.js';
import { useHistoryStore } from './use-history-store.js';

/**
 * Keeps the History page, its URL and its results in step: the URL is the search
 * (`#/history?q=disk&status=resolved`), so copying it reproduces the search and back/forward walk
 * through earlier ones; the navigation's plain link returns to the last search. Every new search is pushed as a history entry; a link with keys the page
 * does not know is rewritten in place. Returns the function the page calls with a changed search.
 */
export function useHistoryUrl(): (form: HistoryForm) => void {
  const route = useRoute();
  const router = useRouter();
  const store = useHistoryStore();
  const onHistory = () => route.name === 'history';

  function fromUrl(): void {
    if (!onHistory()) return;
    // Back on the page from the navigation (no query): the search shown before stays.
    if (!Object.keys(route.query).length) {
      void router.replace({ query: queryFromForm(store.form) });
      return;
    }
    const form = formFromQuery(route.query);
    const canonical = queryFromForm(form);
    if (!sameQuery(canonical, route.query)) {
      void router.replace({ query: canonical });
      return;
    }
    store.form = form;
    void store.load();
  }

  watch(() => route.query, fromUrl);
  fromUrl();

  return (form) => {
    if (!onHistory()) return;
    const query = queryFromForm(form);
    // The same search again (Enter twice) asks the relay again rather than pushing a duplicate entry.
    if (sameQuery(query, route.query)) void store.load();
    else void router.push({ query });
  };
}
