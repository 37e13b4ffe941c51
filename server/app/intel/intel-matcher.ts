import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { IndicatorMatch, IntelPriorityRule } from '../../../shared/schemas/intel.js';
import type { Priority } from '../../../shared/schemas/priority.js';
import type { Actor } from '../../../shared/schemas/timeline.js';
import { matchAlert, type FoundMatch } from '../../core/intel/matcher.js';
import { intelPriority } from '../../core/intel/priority.js';
import { ChangeSet } from '../incidents/change-set.js';
import { isHeld, releaseHeld } from '../intake/deferral.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import type { IntelDirectory } from './intel-directory.js';

/** What an ingest's intel step found: the matched live indicators (none is the common case). */
export type IntelScan = readonly FoundMatch[];

/** What the matcher needs. */
export interface IntelMatcherDeps {
  directory: IntelDirectory;
  /** The config file's `intel.rules`, in order. */
  rules: () => readonly IntelPriorityRule[];
  lifecycle: IncidentLifecycle;
  /** Hears of a matcher failure (logged and counted); the alert is committed all the same. */
  onError: (error: unknown, incidentId: string | null) => void;
  /** Hears of each incident's matches after its transaction committed. */
  onMatched?: (count: number) => void;
}

/** The timeline's and push's form of a match; a restricted indicator's value stays out of the timeline. */
export function matchView(found: FoundMatch, showRestricted: boolean): IndicatorMatch {
  const { indicator, field } = found;
  return {
    indicatorId: indicator.id,
    type: indicator.type,
    value: indicator.visibility === 'restricted' && !showRestricted ? null : indicator.value,
    field,
    confidence: indicator.confidence,
  };
}

const SYSTEM: Actor = { type: 'system', id: null };

/**
 * Matching on ingest (issue 15). `scan` looks an alert up in the in-memory index (no store read);
 * `raise` tells a new incident's priority by the intel rules; `record` writes what a match means —
 * the indicator↔incident links, the indicators' last seen, the incident's match count, an
 * `intel.matched` timeline event and, for a folded alert, a raised priority — under a savepoint of
 * the ingest's transaction. None of them throws: a failure is reported to `onError`, its writes are
 * rolled back alone, and the alert is committed as if nothing matched.
 */
export function createIntelMatcher(deps: IntelMatcherDeps) {
  const raise = (scan: IntelScan, current: Priority): { priority: Priority; rule: string } | undefined => {
    if (scan.length === 0) return undefined;
    try {
      const raised = intelPriority(deps.rules(), scan.map((f) => f.indicator), current);
      return raised && { priority: raised.priority, rule: `intel#${raised.rule}` };
    } catch (error) {
      deps.onError(error, null);
      return undefined;
    }
  };
  return {
    /** The live indicators the alert contains (empty on a matcher failure). */
    scan(alert: AlertInput, now: Date): IntelScan {
      try {
        return matchAlert(deps.directory.current(), alert, now.getTime());
      } catch (error) {
        deps.onError(error, null);
        return [];
      }
    },

    /** The priority the intel rules give a new incident above `current`, with the rule as "intel#n". */
    raise,

    /** Records the matches on the incident; answers the incident as it now is (unchanged on failure). */
    async record(changes: ChangeSet, incident: Incident, scan: IntelScan, folded: boolean): Promise<Incident> {
      if (scan.length === 0) return incident;
      try {
        const sub = await changes.tx.savepoint(async (sp) => {
          const set = new ChangeSet(sp, changes.now);
          let current = incident;
          const ids = scan.map((f) => f.indicator.id);
          const added = await sp.linkIndicators(ids.map((indicatorId) => ({ indicatorId, incidentId: incident.id, linkedAt: changes.now })));
          await sp.touchIndicators(ids, changes.now);
          await set.timeline(incident.id, 'intel.matched', SYSTEM, { matches: scan.map((f) => matchView(f, false)) });
          const raised = folded ? raise(scan, current.priority) : undefined;
          if (raised) {
            await set.timeline(incident.id, 'priority.set', SYSTEM, { priority: raised.priority, previous: current.priority, rule: raised.rule });
            current = (await sp.updateIncident(incident.id, { priority: raised.priority })) ?? { ...current, priority: raised.priority };
            if (raised.priority === 'high' && isHeld(current) && !current.suppressedBy) current = await releaseHeld(set, current, deps.lifecycle, SYSTEM, 'priority-high');
          }
          if (added > 0) current = (await sp.updateIncident(incident.id, { intelMatches: (incident.intelMatches ?? 0) + added })) ?? current;
          return { set, current };
        });
        for (const change of sub.set.changes) {
          // A new incident is published once, as it ends up (the caller's `created`).
          if (change.type === 'incident:updated' || change.type === 'incident:created') {
            if (folded) changes.updated(change.incident);
          } else {
            changes.changes.push(change);
          }
        }
        changes.dueAts.push(...sub.set.dueAts);
        changes.committed.push(...sub.set.committed);
        changes.afterCommit(() => deps.onMatched?.(scan.length));
        return sub.current;
      } catch (error) {
        deps.onError(error, incident.id);
        return incident;
      }
    },
  };
}

/** The ingest matcher, as `createIntelMatcher` builds it. */
export type IntelMatcher = ReturnType<typeof createIntelMatcher>;
