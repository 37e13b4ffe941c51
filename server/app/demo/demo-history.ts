import type { Store } from '../ports/store.js';
import { planDemoHistory } from './history-plan.js';
import type { Random } from './seeded-random.js';

/**
 * Writes a week of back-dated, resolved demo incidents before `now` into the store — each with its
 * alert, pages and hash-chained timeline, one transaction per incident — so that the reports, the
 * wallboard's trends and the history search have real figures from the first minute. Answers how
 * many incidents it wrote.
 */
export async function seedDemoHistory(store: Store, now: Date, random: Random, days = 7): Promise<number> {
  const planned = planDemoHistory(now, random, days);
  for (const { incident, alerts, pages, timeline } of planned) {
    await store.transaction(async (tx) => {
      await tx.insertIncident(incident, null);
      for (const alert of alerts) await tx.insertAlert(alert);
      await tx.insertPages(pages);
      await tx.appendTimelines(timeline);
    });
  }
  return planned.length;
}
