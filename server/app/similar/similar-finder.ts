import type { CommandResult } from '../../../shared/schemas/command.js';
import type { SimilarIncident, SimilarIncidents } from '../../../shared/schemas/history.js';
import type { HistoryHint, Incident } from '../../../shared/schemas/incident.js';
import type { KnowRequester } from '../../core/access/need-to-know.js';
import { can } from '../../core/access/permissions.js';
import { alertLabels } from '../../core/similar/alert-labels.js';
import { historyHint } from '../../core/similar/history-hint.js';
import { rankSimilar, type SimilarCandidate, type SimilarityKey, timeToResolveMs } from '../../core/similar/score.js';
import { type AccessReads, knows, notKnown } from '../incidents/incident-access.js';
import type { PastIncidentAudience, SimilarCandidateRecord, SimilarSession } from '../ports/similar-store.js';
import type { StoreSession } from '../ports/store.js';

/** Past incidents whose text is like an incident's, each with its rank from 0 to 1 (issue 15's full-text search). */
export type TextCandidates = (incident: Incident, audience: PastIncidentAudience, limit: number) => Promise<{ incident: Incident; rank: number }[]>;

/** What the finder reads. */
export interface SimilarFinderDeps {
  store: SimilarSession & AccessReads & Pick<StoreSession, 'getIncident'>;
  /** Similar summary text by the full-text rank; without it, text is not compared. */
  textCandidates?: TextCandidates;
  /** How many past incidents are listed (default 10). */
  limit?: number;
  /** How many recently first-seen resolved incidents are looked through (default 2000). */
  window?: number;
  /** The most candidates per reason (default 25). */
  perReason?: number;
}

/** Finds the past incidents most like one, for a person (the detail panel) or for everyone (the board hint). */
export interface SimilarFinder {
  /** The similar past incidents `who` may know, and the hint over them; `not_found` when they may not know the incident. */
  forViewer(who: KnowRequester, incidentId: string): Promise<CommandResult<SimilarIncidents>>;
  /** The board's hint for an incident: over similar past incidents that are not confidential, so it tells nobody anything secret. */
  hintFor(incident: Incident): Promise<HistoryHint>;
}

/** Creates the similar-incident finder. */
export function createSimilarFinder(deps: SimilarFinderDeps): SimilarFinder {
  const { store } = deps;
  const limit = deps.limit ?? 10;

  const candidatesFor = async (incident: Incident, audience: PastIncidentAudience): Promise<SimilarCandidate[]> => {
    const [records, texts] = await Promise.all([
      store.listSimilarCandidates({
        incidentId: incident.id,
        serviceId: incident.serviceId,
        dedupKey: incident.dedupKey,
        source: incident.source,
        audience,
        window: deps.window ?? 2000,
        perReason: deps.perReason ?? 25,
      }),
      deps.textCandidates?.(incident, audience, deps.perReason ?? 25) ?? [],
    ]);
    const textOnly = texts.filter((t) => !records.some((r) => r.incident.id === t.incident.id));
    const alerts = await store.firstAlertsOf(textOnly.map((t) => t.incident.id));
    const rankOf = new Map(texts.map((t) => [t.incident.id, t.rank]));
    const labelled = (record: SimilarCandidateRecord): SimilarCandidate => ({
      incident: record.incident,
      labels: record.firstAlert ? alertLabels(record.firstAlert.integrationType, record.firstAlert.payload) : {},
      ...(rankOf.has(record.incident.id) ? { textRank: rankOf.get(record.incident.id)! } : {}),
    });
    return [
      ...records.map(labelled),
      ...textOnly.map((t) => labelled({ incident: t.incident, firstAlert: alerts.get(t.incident.id) ?? null })),
    ];
  };

  const keyOf = async (incident: Incident): Promise<SimilarityKey> => {
    const first = (await store.firstAlertsOf([incident.id])).get(incident.id);
    return {
      id: incident.id,
      serviceId: incident.serviceId,
      dedupKey: incident.dedupKey,
      source: incident.source,
      labels: first ? alertLabels(first.integrationType, first.payload) : {},
    };
  };

  const similarTo = async (incident: Incident, audience: PastIncidentAudience) => {
    const [key, candidates] = await Promise.all([keyOf(incident), candidatesFor(incident, audience)]);
    return rankSimilar(key, candidates, limit);
  };

  return {
    async forViewer(who, incidentId) {
      const incident = await store.getIncident(incidentId);
      if (!incident || !(await knows(store, who, incident))) return notKnown;
      const audience: PastIncidentAudience = can(who.role, 'see-confidential') ? { kind: 'all' } : { kind: 'user', userId: who.userId };
      const ranked = await similarTo(incident, audience);
      const outcomes = await store.listPastIncidentOutcomes(ranked.map((s) => s.incident.id));
      const similar: SimilarIncident[] = ranked.map((s, i) => ({
        incident: s.incident,
        reasons: s.reasons,
        score: s.score,
        timeToResolveMs: timeToResolveMs(s.incident),
        actionItems: outcomes[i]?.actionItems ?? [],
        resolvedBy: outcomes[i]?.resolvedBy ?? null,
      }));
      return { ok: true, value: { similar, hint: historyHint(similar.map((s) => s.incident)) } };
    },
    async hintFor(incident) {
      return historyHint((await similarTo(incident, { kind: 'everyone' })).map((s) => s.incident));
    },
  };
}
