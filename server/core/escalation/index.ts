/**
 * The escalation engine: a pure core that takes an incident's escalation state, its frozen policy
 * snapshot, the time and a target resolver, and returns the next state, the effects to carry out and
 * when to wake it next.
 */
export { step } from './step.js';
export { startNewRun } from './new-run.js';
export { escalateNow, incidentAcknowledged, incidentResolved, pageRead, startEscalation } from './events.js';
export { pageKeyOf } from './levels.js';
export { pageFailed, type PageFailedOptions } from './page-failed.js';
export { wakeAtOf } from './run.js';
export { stopCauseOf, type StopCause } from './stop-condition.js';
export { parseEscalationState, StoredEscalationSchema, type ParsedEscalation } from './state-schema.js';
export type * from './types.js';
