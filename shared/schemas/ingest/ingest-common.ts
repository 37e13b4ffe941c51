import { z } from 'zod';

/** Labels or annotations as Prometheus-style senders write them: string keys to string values. */
export const StringMapSchema = z.record(z.string(), z.string());
export type StringMap = z.infer<typeof StringMapSchema>;

/** A web address a sender attaches; may be empty (Grafana sends "" for unset URLs) and is not parsed. */
export const UrlTextSchema = z.string().max(2048);

/**
 * A routing key as Klaxon issues them: 6–128 letters, digits, ".", "_" or "-". PagerDuty's own are
 * 32 hexadecimal characters, which fit.
 */
export const RoutingKeySchema = z
  .string(requiredParams())
  .regex(/^[A-Za-z0-9._-]{6,128}$/, 'use the integration key: 6–128 letters, digits, ".", "_" or "-"');

/**
 * Schema params whose message says plainly that a missing field is required (zod's default speaks
 * of "undefined"); a present value of the wrong type keeps zod's own message.
 */
export function requiredParams(message = 'required'): { error: (issue: { input?: unknown }) => string | undefined } {
  return { error: (issue) => (issue.input === undefined ? message : undefined) };
}
