import { z } from 'zod';
import { WallboardEscalationSchema, WallboardIncidentSchema, WallboardStatsSchema, type WallboardIncident } from '../../shared/schemas/wallboard.js';

/** A wallboard incident with the name of its client when the relay sends one (null for none or a confidential incident). */
const WallboardClientIncidentSchema = WallboardIncidentSchema.extend({ clientName: z.string().max(200).nullable().optional() });

/** The wallboard statistics, keeping the client names of the listed incidents. */
export const WallboardStatsWithClientsSchema = WallboardStatsSchema.extend({
  oldestUnacknowledged: z.array(WallboardClientIncidentSchema),
  escalations: z.array(WallboardEscalationSchema.extend({ incident: WallboardClientIncidentSchema })),
});

/** The client name of a wallboard incident, or null when it has none (or the relay did not say). */
export function wallboardClientName(incident: WallboardIncident): string | null {
  return (incident as WallboardIncident & { clientName?: string | null }).clientName ?? null;
}
