import { z } from 'zod';
import { InstantSchema, SlugSchema } from './common.js';
import { HistoryHintSchema, IncidentSchema, IncidentStatusSchema, TriageVerdictSchema } from './incident.js';
import { PrioritySchema } from './priority.js';
import { ActorSchema } from './timeline.js';

/**
 * The incident history (issue 15): search over every incident a person may see, resolved ones
 * included. Need-to-know is applied inside the query: a confidential incident never shows in someone
 * else's results, facet counts or similar-incident lists.
 */

/** How results are ordered; `relevance` needs `q` (without it the relay orders by `newest`). */
export const HistorySortSchema = z.enum(['relevance', 'newest', 'oldest', 'priority']);
export type HistorySort = z.infer<typeof HistorySortSchema>;

/**
 * The query of `GET /api/v1/incidents`. Unknown parameters are refused with a 400 naming them.
 * Without `q` and filters (`status=open` or nothing) the answer is the open incidents, as before.
 */
export const HistoryQuerySchema = z
  .object({
    /** Full-text search over summary, source, alert payload text, notes and post-mortem text. */
    q: z.string().trim().min(1).max(500).optional(),
    status: z.union([IncidentStatusSchema, z.literal('open'), z.literal('any')]).optional(),
    priority: PrioritySchema.optional(),
    client: SlugSchema.optional(),
    service: SlugSchema.optional(),
    team: SlugSchema.optional(),
    /** A triage verdict, or `none` for incidents without one. */
    verdict: z.union([TriageVerdictSchema, z.literal('none')]).optional(),
    /** A user id: incidents where they are the triage or forensic assignee. */
    assignee: z.string().min(1).max(200).optional(),
    /** First seen at or after `from`, and before `to`. */
    from: InstantSchema.optional(),
    to: InstantSchema.optional(),
    sort: HistorySortSchema.optional(),
    /** The `nextCursor` of the previous page, as given. */
    cursor: z.string().min(1).max(500).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

/** A run of a result's snippet text; `match` marks the words the search matched. */
export const SnippetPartSchema = z.object({ text: z.string(), match: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPartSchema>;

/** Counts of the matching incidents (all pages, not only this one) per value. */
export const HistoryFacetsSchema = z.object({
  priority: z.record(z.string(), z.number().int().nonnegative()),
  service: z.record(z.string(), z.number().int().nonnegative()),
  /** Incidents without a client count under "none". */
  client: z.record(z.string(), z.number().int().nonnegative()),
  /** Incidents without a verdict count under "none". */
  verdict: z.record(z.string(), z.number().int().nonnegative()),
});
export type HistoryFacets = z.infer<typeof HistoryFacetsSchema>;

/** The answer of `GET /api/v1/incidents`. */
export const HistoryPageSchema = z.object({
  incidents: z.array(IncidentSchema),
  /** Where the text search matched, per incident id (only with `q`). */
  snippets: z.record(z.string(), z.array(SnippetPartSchema)),
  /** How many incidents match in all. */
  total: z.number().int().nonnegative(),
  facets: HistoryFacetsSchema,
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

/** A search someone saved: its name and the query string of the search URL. */
export const SavedSearchSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The query string (`q=...&status=...`) without the leading "?"; it parses with HistoryQuerySchema. */
  query: z.string(),
  ownerId: z.string(),
  /** Shared searches are listed for everyone; others only for their owner. */
  shared: z.boolean(),
  createdAt: InstantSchema,
});
export type SavedSearch = z.infer<typeof SavedSearchSchema>;

/** The body of `POST /api/v1/saved-searches`. */
export const SavedSearchInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    query: z.string().max(2000),
    shared: z.boolean().default(false),
  })
  .strict();
export type SavedSearchInput = z.infer<typeof SavedSearchInputSchema>;

/** Why a past incident is like this one. */
export const SimilarReasonSchema = z.enum(['dedup_key', 'source', 'labels', 'text']);
export type SimilarReason = z.infer<typeof SimilarReasonSchema>;

/** A past incident like the one in view, with how it ended. */
export const SimilarIncidentSchema = z.object({
  incident: IncidentSchema,
  reasons: z.array(SimilarReasonSchema),
  /** Higher is more alike; only for ordering. */
  score: z.number(),
  /** First seen to resolved, when it was resolved. */
  timeToResolveMs: z.number().nonnegative().nullable(),
  /** The action items of its post-mortem, if it has one. */
  actionItems: z.array(z.object({ title: z.string(), done: z.boolean() })),
  /** Who resolved it (its timeline's resolve), when known. */
  resolvedBy: ActorSchema.nullable().optional(),
});
export type SimilarIncident = z.infer<typeof SimilarIncidentSchema>;

/** The answer of `GET /api/v1/incidents/:id/similar`. */
export const SimilarIncidentsSchema = z.object({
  similar: z.array(SimilarIncidentSchema),
  hint: HistoryHintSchema,
});
export type SimilarIncidents = z.infer<typeof SimilarIncidentsSchema>;
