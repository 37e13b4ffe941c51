import { ScheduleApiError } from '../services/schedule-api.js';

/** What a calendar action did: done, or refused with the relay's message and the field at fault. */
export type ActionResult = { ok: true } | { ok: false; message: string; field?: string };

/** Runs `work`, turning a failure into a refused result the view can show beside its field. */
export async function attempt(work: () => Promise<unknown>): Promise<ActionResult> {
  try {
    await work();
    return { ok: true };
  } catch (error) {
    if (error instanceof ScheduleApiError) return error.field ? { ok: false, message: error.message, field: error.field } : { ok: false, message: error.message };
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
