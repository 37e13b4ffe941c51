import { watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { formFromQuery, queryFromForm, type ReportForm, sameQuery } from './report-query.js';
import { useReportsStore } from './use-reports-store.js';

/**
 * Keeps the Reports page, its URL and its report in step: the URL is the query
 * (`#/reports?range=last-7-days&team=noc`), so a report can be bookmarked or shared; opening such a
 * link computes that report, and every change of the form goes into the URL and asks the relay
 * again. Returns the function the form calls with a changed form. Call it in the page's setup.
 */
export function useReportUrl(): (form: ReportForm) => void {
  const route = useRoute();
  const router = useRouter();
  const store = useReportsStore();
  const onReports = () => route.name === 'reports';

  function fromUrl(): void {
    if (!onReports()) return;
    // Back on the page from the navigation (no query): the range and filters chosen before stay.
    if (!Object.keys(route.query).length) {
      void router.replace({ query: queryFromForm(store.form) });
      return;
    }
    const form = formFromQuery(route.query);
    const canonical = queryFromForm(form);
    // A link with missing or unusable parameters is rewritten to what the page shows.
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
    if (onReports()) void router.replace({ query: queryFromForm(form) });
  };
}
