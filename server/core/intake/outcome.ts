import type { AlertInput } from '../../../shared/schemas/alert.js';

/** Why a body could not become alerts: the field at fault (a path or a mapped pick) and what is wrong. */
export interface IntakeError {
  field: string;
  message: string;
}

/** What intake makes of a body: the alerts, or the error naming the field at fault. */
export type IntakeOutcome = { ok: true; alerts: AlertInput[] } | { ok: false; error: IntakeError };
