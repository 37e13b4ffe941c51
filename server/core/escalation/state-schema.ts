import { z } from 'zod';
import { InstantSchema } from '../../../shared/schemas/common.js';
import { PrioritySchema } from '../../../shared/schemas/priority.js';
import type { EscalationState } from './types.js';

const CountSchema = z.number().int().nonnegative();

const EscalationPageSchema = z.object({
  pageKey: z.string().min(1),
  userId: z.string().min(1),
  level: CountSchema,
  loop: CountSchema,
  run: CountSchema.optional(),
  sentAt: InstantSchema,
  lastSentAt: InstantSchema,
  attempts: z.number().int().positive(),
  readAt: InstantSchema.nullable(),
  failedAt: InstantSchema.nullable().optional(),
  nextRepeatAt: InstantSchema.nullable(),
});

const TriedLevelSchema = z.object({
  level: CountSchema,
  loop: CountSchema,
  at: InstantSchema,
  userIds: z.array(z.string().min(1)),
});

/**
 * The stored escalation state as JSON, checked when the app layer reads it back from the store. (Named
 * apart from the incident's `EscalationStateSchema`, which is only the status word.)
 */
export const StoredEscalationSchema = z.object({
  status: z.enum(['running', 'stopped', 'unanswered']),
  priority: PrioritySchema,
  level: CountSchema,
  loop: CountSchema,
  run: CountSchema.optional(),
  levelStartedAt: InstantSchema,
  nextEscalationAt: InstantSchema.nullable(),
  pages: z.array(EscalationPageSchema),
  tried: z.array(TriedLevelSchema),
  acknowledgedAt: InstantSchema.nullable(),
  resolvedAt: InstantSchema.nullable(),
  endedAt: InstantSchema.nullable(),
  stopReason: z.enum(['read', 'acknowledged', 'resolved']).nullable(),
});

/** The outcome of reading a stored escalation state: the state, or why it is not one. */
export type ParsedEscalation = { ok: true; state: EscalationState } | { ok: false; error: string };

/** Checks a value read from the store (e.g. a job payload) and returns it as an escalation state. */
export function parseEscalationState(value: unknown): ParsedEscalation {
  const result = StoredEscalationSchema.safeParse(value);
  if (result.success) return { ok: true, state: result.data };
  return { ok: false, error: z.prettifyError(result.error) };
}
