import { z } from 'zod';
import { LocalDateSchema, SlugSchema, TimeZoneSchema } from './common.js';
import { PatternSchema } from './pattern.js';
import { BusinessHoursSchema } from './team.js';

/** How much a client's business process matters; it decides what protection and priority its alerts get. */
export const CriticalitySchema = z.enum(['critical', 'important', 'routine']);
export type Criticality = z.infer<typeof CriticalitySchema>;

/** Someone at a client to call or write to about an incident. */
export const ClientContactSchema = z.object({
  name: z.string().trim().min(1).max(200),
  role: z.string().trim().max(200).optional(),
  email: z.email().max(320).optional(),
  phone: z.string().trim().max(50).optional(),
});
export type ClientContact = z.infer<typeof ClientContactSchema>;

/** One business process of a client: the services (IT applications) it depends on, and how much it matters. */
export const BusinessProcessSchema = z.object({
  id: SlugSchema,
  name: z.string().trim().min(1).max(200),
  criticality: CriticalitySchema,
  /** Ids of the services this process depends on. */
  services: z.array(SlugSchema).max(500).default([]),
  description: z.string().max(5_000).optional(),
});
export type BusinessProcess = z.infer<typeof BusinessProcessSchema>;

/**
 * How an alert that did not arrive on one of the client's services is recognised as the client's:
 * any one condition that holds maps it (the first client in file order wins).
 */
export const ClientMatchSchema = z.object({
  /** ConnectWise company identifiers or names (as a callback or an alert label carries them), compared without case. */
  connectwiseCompanies: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  /** Alert labels that must all match (Alertmanager/Grafana labels, webhook fields). */
  labels: z.record(z.string(), PatternSchema).optional(),
  /** Sender e-mail domains of alerts that came in by e-mail, e.g. "acme.example". */
  emailDomains: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'use a domain such as "acme.example"')).max(100).optional(),
});
export type ClientMatch = z.infer<typeof ClientMatchSchema>;

/** The client's company in ConnectWise Manage. */
export const ClientConnectWiseCompanySchema = z.object({
  /** The company's numeric record id in ConnectWise. */
  companyId: z.number().int().positive().optional(),
  /** The company identifier (e.g. "AcmeCorp"). */
  identifier: z.string().trim().min(1).max(100).optional(),
});

/** An MSP's customer: its contacts, hours, services and business map. */
export const ClientSchema = z.object({
  id: SlugSchema,
  name: z.string().trim().min(1).max(200),
  connectwise: ClientConnectWiseCompanySchema.optional(),
  contacts: z.array(ClientContactSchema).max(100).default([]),
  /** The client's own time zone and business hours: when given, they decide when its medium/low alerts are released. */
  timeZone: TimeZoneSchema.optional(),
  businessHours: BusinessHoursSchema.optional(),
  holidays: z.array(LocalDateSchema).default([]),
  notes: z.string().max(20_000).optional(),
  /** Ids of the services that belong to this client (a service belongs to one client at most, or to the MSP). */
  services: z.array(SlugSchema).max(500).default([]),
  /** The business map: the client's processes and the services each depends on. */
  processes: z.array(BusinessProcessSchema).max(200).default([]),
  match: ClientMatchSchema.optional(),
});
export type Client = z.infer<typeof ClientSchema>;

/** A process an incident touches: its service is one the process depends on. */
export const AffectedProcessSchema = z.object({
  clientId: z.string(),
  processId: z.string(),
  name: z.string(),
  criticality: CriticalitySchema,
});
export type AffectedProcess = z.infer<typeof AffectedProcessSchema>;
