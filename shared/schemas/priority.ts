import { z } from 'zod';

/** How urgently an incident must be heard: high pages now, medium and low wait for business hours. */
export const PrioritySchema = z.enum(['high', 'medium', 'low']);
export type Priority = z.infer<typeof PrioritySchema>;

/** The severity a monitoring source reports, as PagerDuty's Events API v2 spells it. */
export const SeveritySchema = z.enum(['critical', 'error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;
