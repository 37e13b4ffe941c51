import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../../../shared/schemas/timeline.js';

/** Set while a simulated demo person acts (`KLAXON_DEMO=1`); unset for everyone real. */
const simulation = new AsyncLocalStorage<true>();

/**
 * Runs `work` as a simulated person of the demo: every timeline event a person records inside it
 * (directly or in the transactions it awaits) is marked `data.simulated: true`, so the console can
 * tell the demo's simulated team from the people really using it.
 */
export function runSimulated<T>(work: () => Promise<T>): Promise<T> {
  return simulation.run(true, work);
}

/** True inside {@link runSimulated}. */
export function isSimulated(): boolean {
  return simulation.getStore() === true;
}

/**
 * A timeline event's data as recorded: marked `simulated: true` when a person acts inside
 * {@link runSimulated}; unchanged otherwise (sources and the relay itself are never simulated people).
 */
export function markSimulated(actor: Actor, data: Record<string, unknown>): Record<string, unknown> {
  return actor.type === 'user' && isSimulated() ? { ...data, simulated: true } : data;
}
