import { z } from 'zod';
import type { CommandError, CommandResult } from './schemas/command.js';
import type { Incident } from './schemas/incident.js';
import { TriageVerdictSchema } from './schemas/incident.js';
import type { Page, PagePush } from './schemas/page.js';
import { PostmortemEditSchema, type Postmortem, type PostmortemEditResult } from './schemas/postmortem.js';
import { PrioritySchema } from './schemas/priority.js';
import type { TimelineEvent } from './schemas/timeline.js';
import type { SwapRequest } from './schemas/swap.js';
import type { IndicatorMatch } from './schemas/intel.js';

/** The open incidents at one instant; live events with `seq` at or below `seq` are already in it. */
export interface BoardSnapshot {
  seq: number;
  incidents: Incident[];
  /** The pages of those incidents (who was paged, and whether they read it). */
  pages?: Page[];
}

/** Ids a console command acts on; one to 500 incidents at once. */
export const IncidentIdsSchema = z.object({ incidentIds: z.array(z.string().min(1).max(200)).min(1).max(500) });

/** `incident:dismiss`: close incidents as false positives, with the reason. */
export const DismissCommandSchema = IncidentIdsSchema.extend({ reason: z.string().trim().min(3).max(2000) });

/** `incident:set-priority`: a manager changes incidents' priority. */
export const SetPriorityCommandSchema = IncidentIdsSchema.extend({ priority: PrioritySchema });

/** `incident:assign`: set the triage or forensic assignee (null clears it). */
export const AssignCommandSchema = IncidentIdsSchema.extend({
  role: z.enum(['triage', 'forensic']),
  userId: z.string().min(1).max(200).nullable(),
});

/** `incident:verdict`: record a triage verdict without closing the incident. */
export const VerdictCommandSchema = IncidentIdsSchema.extend({ verdict: TriageVerdictSchema });

/** `postmortem:edit`: one field edit of the post-mortem `id`. */
export const PostmortemEditCommandSchema = z.object({ id: z.string().min(1).max(200), edit: PostmortemEditSchema });

type Ack<T = undefined> = (result: CommandResult<T>) => void;

/** Why the relay dropped an event that came without a callback (rate limit, bad input, a sign-out). */
export interface CommandRefusal {
  /** The event that was refused. */
  event: string;
  error: CommandError;
}

/** Pushes the relay sends to consoles on `/console` (past tense). */
export interface ConsoleServerToClientEvents {
  'incident:created': (incident: Incident) => void;
  'incident:updated': (incident: Incident) => void;
  'timeline:appended': (event: TimelineEvent) => void;
  'page:updated': (page: Page) => void;
  /** A shift swap request was made or settled; sent to its requester's and target's consoles. */
  'swap:updated': (swap: SwapRequest) => void;
  /** A client or its business map changed: fetch `GET /api/v1/clients` again (no payload). */
  'clients:changed': () => void;
  /** A post-mortem changed (an edit, a comment, a state change); sent only to consoles that may see its incidents. */
  'postmortem:updated': (postmortem: Postmortem) => void;
  /** An event sent without a callback was refused; a flood of them gets one. */
  'command:refused': (refusal: CommandRefusal) => void;
  /** A maintenance window was written, started or ended: fetch `GET /api/v1/maintenance-windows` again (no payload). */
  'maintenance:changed': () => void;
  /** A new alert matched live threat-intelligence indicators; sent to signed-in threat researchers' consoles (not for confidential incidents). */
  'intel:matched': (match: IntelMatchedPush) => void;
}

/** The `intel:matched` push: which incident, when, and what matched (a restricted indicator's value is null). */
export interface IntelMatchedPush {
  incidentId: string;
  at: string;
  matches: IndicatorMatch[];
}

/** Commands consoles send on `/console` (imperative, each with a typed acknowledgement). */
export interface ConsoleClientToServerEvents {
  'board:subscribe': (ack: Ack<BoardSnapshot>) => void;
  'incident:acknowledge': (command: z.input<typeof IncidentIdsSchema>, ack: Ack) => void;
  'incident:resolve': (command: z.input<typeof IncidentIdsSchema>, ack: Ack) => void;
  'incident:dismiss': (command: z.input<typeof DismissCommandSchema>, ack: Ack) => void;
  'incident:set-priority': (command: z.input<typeof SetPriorityCommandSchema>, ack: Ack) => void;
  'incident:assign': (command: z.input<typeof AssignCommandSchema>, ack: Ack) => void;
  'incident:verdict': (command: z.input<typeof VerdictCommandSchema>, ack: Ack) => void;
  /** Edit one field of a post-mortem (last writer wins per field; the answer notes a conflict). */
  'postmortem:edit': (command: z.input<typeof PostmortemEditCommandSchema>, ack: Ack<PostmortemEditResult>) => void;
}

/** `page:read` from a phone. */
export const PageReadSchema = z.object({ id: z.string().min(1).max(200) });
/** `incident:acknowledge` / `incident:resolve` from a phone. */
export const DeviceIncidentCommandSchema = z.object({ incidentId: z.string().min(1).max(200) });

/** `incident:watch` from a phone: the incident its view shows, or null when it closed the view. */
export const IncidentWatchSchema = z.object({ incidentId: z.string().min(1).max(100).nullable() });

/** Pushes the relay sends to phones on `/device`; the callback reports delivery. */
export interface DeviceServerToClientEvents {
  page: (page: PagePush, delivered: () => void) => void;
  /** The watched incident, its timeline or its pages changed: fetch the phone view again (ids only). */
  'incident:changed': (change: { incidentId: string }) => void;
  /** A client or its business map changed: fetch `GET /api/v1/clients` again (no payload). */
  'clients:changed': () => void;
  /** A post-mortem changed (an edit, a comment, a state change); sent only to consoles that may see its incidents. */
  'postmortem:updated': (postmortem: Postmortem) => void;
  /** An event sent without a callback was refused; a flood of them gets one. */
  'command:refused': (refusal: CommandRefusal) => void;
}

/** Commands phones send on `/device`. */
export interface DeviceClientToServerEvents {
  'page:read': (command: z.input<typeof PageReadSchema>, ack: Ack) => void;
  'incident:acknowledge': (command: z.input<typeof DeviceIncidentCommandSchema>, ack: Ack) => void;
  'incident:resolve': (command: z.input<typeof DeviceIncidentCommandSchema>, ack: Ack) => void;
  /** "I can't take it": escalate the incident to its next level now. */
  'incident:escalate': (command: z.input<typeof DeviceIncidentCommandSchema>, ack: Ack) => void;
  /** Watch one incident for `incident:changed` (the phone's open incident view); null stops watching. */
  'incident:watch': (command: z.input<typeof IncidentWatchSchema>, ack: Ack) => void;
}
