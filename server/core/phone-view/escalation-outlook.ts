import type { Incident } from '../../../shared/schemas/incident.js';
import type { EscalationOutlook } from '../../../shared/schemas/phone-incident-view.js';
import type { Policy } from '../../../shared/schemas/policy.js';
import type { EscalationState } from '../escalation/types.js';

/**
 * Tells where an incident's escalation stands, for the phone's countdown: the level it is on and
 * what comes when its delay runs out (the next level, a new pass from the first level, or the
 * failover); why it stopped ("read" when a read met the escalation factor); or that it ran out —
 * "failed over" when the policy names someone to fail over to, "finished" when it names nobody.
 * `state` is the stored escalation state (undefined when none ever started).
 */
export function escalationOutlook(
  incident: Pick<Incident, 'escalation' | 'deferredUntil'>,
  escalation: { policy: Pick<Policy, 'levels' | 'repeat' | 'failover'>; state: EscalationState } | undefined,
): EscalationOutlook {
  if (incident.escalation === 'deferred') return { kind: 'deferred', until: incident.deferredUntil };
  if (!escalation) return { kind: 'none' };
  const { policy, state } = escalation;
  if (state.status === 'stopped') return { kind: 'stopped', reason: state.stopReason, at: state.endedAt };
  if (state.status === 'unanswered') {
    const anyone = policy.failover.email.length + policy.failover.users.length > 0;
    return { kind: anyone ? 'failed-over' : 'finished', at: state.endedAt };
  }
  if (!state.nextEscalationAt) return { kind: 'none' };
  const last = state.level + 1 >= policy.levels.length;
  const next: Extract<EscalationOutlook, { kind: 'countdown' }>['next'] = !last
    ? { kind: 'level', level: state.level + 1 }
    : state.loop < policy.repeat
      ? { kind: 'level', level: 0 }
      : { kind: 'failover' };
  return { kind: 'countdown', level: state.level, at: state.nextEscalationAt, next };
}
