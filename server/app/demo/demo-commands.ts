import type { Escalator } from '../escalation/escalator.js';
import type { IncidentActions } from '../incidents/incident-actions.js';

/**
 * The commands the demo's simulated team uses: the very ones the phone gateway and the console call
 * (read a page, acknowledge, triage, escalate, resolve), so simulated work takes the real paths.
 */
export interface DemoCommands {
  escalator: Pick<Escalator, 'pageRead' | 'escalateNow'>;
  actions: Pick<IncidentActions, 'acknowledge' | 'resolve' | 'dismiss' | 'verdict' | 'assign'>;
}

/** Who acts in a command: a person and their role. */
export type DemoPerson = Parameters<IncidentActions['acknowledge']>[0];
