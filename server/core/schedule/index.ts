/**
 * The pure on-call schedule core: who is on call at an instant, the on-call line over a range (final
 * and per layer), and the next handoff. Every function takes its instants as parameters.
 */
export { layerShifts } from './layer-shifts.js';
export { nextHandoff, HANDOFF_HORIZON_DAYS } from './next-handoff.js';
export { onCallAt, shifts } from './on-call.js';
export type { Handoff, OnCall, Shift } from './types.js';
