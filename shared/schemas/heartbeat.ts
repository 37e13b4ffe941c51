import { z } from 'zod';
import { InstantSchema } from './common.js';

/**
 * Where a heartbeat stands: `waiting` (configured, never pinged: no deadline yet), `ok` (pinged, its
 * deadline ahead), `late` (its deadline passed without a ping: an incident is open), `relay-down`
 * (its deadline passed while no relay was running, so nobody can tell whether the agent was silent;
 * a fresh deadline runs from the relay's start).
 */
export const HeartbeatStateSchema = z.enum(['waiting', 'ok', 'late', 'relay-down']);
export type HeartbeatState = z.infer<typeof HeartbeatStateSchema>;

/** One heartbeat monitor as the console lists it (never its secret key). */
export const HeartbeatViewSchema = z.object({
  /** The heartbeat integration's id, e.g. `rmm:heartbeat:0`. */
  id: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  /** The client the service belongs to, if any. */
  clientName: z.string().nullable(),
  /** Seconds between expected pings, and the grace past them before an incident opens. */
  intervalSeconds: z.number().int().nonnegative(),
  graceSeconds: z.number().int().nonnegative(),
  state: HeartbeatStateSchema,
  lastPingAt: InstantSchema.nullable(),
  /** When an incident opens unless a ping comes first; null while waiting or late. */
  deadlineAt: InstantSchema.nullable(),
  /** The open heartbeat incident while late (null when the reader may not know it). */
  incidentId: z.string().nullable(),
});
export type HeartbeatView = z.infer<typeof HeartbeatViewSchema>;

/** The answer of `GET /api/v1/heartbeats`. */
export const HeartbeatListSchema = z.object({ heartbeats: z.array(HeartbeatViewSchema) });
export type HeartbeatList = z.infer<typeof HeartbeatListSchema>;
