import { z } from 'zod';
import { InstantSchema } from './common.js';
import { EscalationStateSchema } from './incident.js';
import { PrioritySchema } from './priority.js';
import { ActiveMaintenanceSchema } from './maintenance.js';

/** What the wallboard shows of an incident; a confidential one carries no summary or source. */
export const WallboardIncidentSchema = z.object({
  id: z.string(),
  summary: z.string(),
  priority: PrioritySchema,
  confidential: z.boolean(),
  firstSeenAt: InstantSchema,
  ageSeconds: z.number().nonnegative(),
  escalation: EscalationStateSchema,
  /** The client's name; null for the MSP's own incidents and for confidential ones. */
  clientName: z.string().nullable(),
});
export type WallboardIncident = z.infer<typeof WallboardIncidentSchema>;

/** An escalation in progress: which level of which pass, who was paged there, and when it moves on. */
export const WallboardEscalationSchema = z.object({
  incident: WallboardIncidentSchema,
  /** 1-based level number and the number of levels. */
  level: z.number().int().positive(),
  levelCount: z.number().int().positive(),
  /** 1-based pass through the levels and the number of passes. */
  pass: z.number().int().positive(),
  passes: z.number().int().positive(),
  paged: z.array(z.string()),
  nextEscalationAt: InstantSchema.nullable(),
});
export type WallboardEscalation = z.infer<typeof WallboardEscalationSchema>;

/** Who is on call now in one schedule, and who takes over at its next handoff. */
export const WallboardOnCallSchema = z.object({
  scheduleId: z.string(),
  scheduleName: z.string(),
  /** People's names; empty in a gap. */
  people: z.array(z.string()),
  /** When who is on call next changes (within 60 days); null when nothing changes that soon. */
  nextHandoffAt: InstantSchema.nullable().optional(),
  /** The names of the people on call from `nextHandoffAt`; empty when a gap begins then. */
  nextPeople: z.array(z.string()).optional(),
});

/** One team's schedules and who is on call in each now. */
export const WallboardTeamSchema = z.object({
  teamId: z.string(),
  teamName: z.string(),
  schedules: z.array(WallboardOnCallSchema),
});
export type WallboardTeam = z.infer<typeof WallboardTeamSchema>;

/** A mean response time over the last 7 days, the 7 days before, and per day (oldest first). */
export const ResponseTimeSchema = z.object({
  meanSeconds: z.number().nonnegative().nullable(),
  previousMeanSeconds: z.number().nonnegative().nullable(),
  count: z.number().int().nonnegative(),
  daily: z.array(z.object({ end: InstantSchema, meanSeconds: z.number().nonnegative().nullable() })),
});
export type ResponseTime = z.infer<typeof ResponseTimeSchema>;

/** Everything the wallboard shows, computed by the relay from its store (`GET /api/v1/stats/wallboard`). */
export const WallboardStatsSchema = z.object({
  generatedAt: InstantSchema,
  open: z.object({
    high: z.number().int().nonnegative(),
    medium: z.number().int().nonnegative(),
    low: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    unacknowledged: z.number().int().nonnegative(),
  }),
  /** The oldest unacknowledged open incidents, oldest first (at most 5). */
  oldestUnacknowledged: z.array(WallboardIncidentSchema),
  escalations: z.array(WallboardEscalationSchema),
  onCall: z.array(WallboardTeamSchema),
  /** Alerts received per hour over the last 24 hours, oldest hour first; the last hour is the current one. */
  alertsPerHour: z.array(z.object({ start: InstantSchema, count: z.number().int().nonnegative() })),
  responseTimes: z.object({ read: ResponseTimeSchema, acknowledge: ResponseTimeSchema, resolve: ResponseTimeSchema }),
  falsePositives: z.object({
    /** False positives over incidents opened in the last 7 days; null when none were opened. */
    rate: z.number().min(0).max(1).nullable(),
    previousRate: z.number().min(0).max(1).nullable(),
    count: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  /** The maintenance windows running now, soonest end first (names only). */
  maintenance: z.array(ActiveMaintenanceSchema).optional(),
});
export type WallboardStats = z.infer<typeof WallboardStatsSchema>;
