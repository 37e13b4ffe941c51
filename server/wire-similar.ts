import type { FastifyInstance } from 'fastify';
import type { Log } from './adapters/log/create-logger.js';
import type { CommitDeps } from './app/incidents/change-set.js';
import type { Clock } from './app/ports/clock.js';
import { createHistoryHints, type HistoryHints } from './app/similar/history-hints.js';
import { createSimilarFinder, type SimilarFinder, type TextCandidates } from './app/similar/similar-finder.js';
import { createTextCandidates } from './app/similar/text-candidates.js';
import { registerSimilarRoutes } from './transport/http/routes/similar-routes.js';

/** What the similar-incident features need from the relay. */
export interface SimilarFeatureDeps {
  app: FastifyInstance;
  commit: CommitDeps;
  clock: Clock;
  log: Log;
  /** Similar summary text by the full-text rank; by default the store's history search. */
  textCandidates?: TextCandidates;
}

/** The similar-incident features: the finder, and the hint writer (for tests and shutdown). */
export interface SimilarFeatures {
  readonly finder: SimilarFinder;
  readonly hints: HistoryHints;
}

/**
 * Wires similar past incidents onto the relay (issue 15): the `/similar` route under need-to-know,
 * and the board's history hint, computed for each incident the feed shows opened — after ingest
 * committed it, in a bounded queue of its own, so that it never slows or fails ingest — and written
 * as an incident update. A resolved incident does not come back (a new alert opens a new incident),
 * so the hint is computed once, when the incident opens. Registers routes at once.
 */
export function wireSimilarFeatures(deps: SimilarFeatureDeps): SimilarFeatures {
  const { app, commit, clock, log } = deps;
  const finder = createSimilarFinder({ store: commit.store, textCandidates: deps.textCandidates ?? createTextCandidates(commit.store) });
  registerSimilarRoutes(app, { finder });
  let warnedAt = 0;
  const hints = createHistoryHints({
    ...commit,
    clock,
    finder,
    onError: (error, incidentId) => log.warn({ err: error, incidentId }, 'history hint failed'),
  });
  commit.feed.subscribe((change) => {
    if (change.type !== 'incident:created') return;
    if (hints.enqueue(change.incident.id) || hints.skipped === 0) return;
    // A storm fills the queue; say so at most once a minute, not once per incident.
    const now = clock.now().getTime();
    if (now - warnedAt < 60_000) return;
    warnedAt = now;
    log.warn({ skipped: hints.skipped }, 'history hints skipped: too many incidents opening at once');
  });
  return { finder, hints };
}
