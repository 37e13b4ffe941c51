import { type HistoryQuery, HistoryQuerySchema } from '../../../shared/schemas/history.js';
import type { CommandResult } from '../../../shared/schemas/command.js';

const invalid = (field: string, message: string): CommandResult<never> => ({ ok: false, error: { code: 'invalid', message: `${field}: ${message}`, field } });

/**
 * Parses the parameters of a history search (an HTTP query, or a saved search's query string) with
 * HistoryQuerySchema; a refusal names the parameter: an unknown one, a repeated one, a bad value.
 */
export function parseHistoryQuery(input: Record<string, unknown>): CommandResult<HistoryQuery> {
  for (const [key, value] of Object.entries(input)) {
    if (Array.isArray(value)) return invalid(key, 'is given more than once');
  }
  const parsed = HistoryQuerySchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') return invalid(issue.keys[0]!, 'is not a parameter of the history search');
  const field = issue.path.length ? issue.path.map(String).join('.') : 'query';
  return invalid(field, issue.message);
}

/** Parses a query string (`q=disk&status=resolved`, no leading "?") as parseHistoryQuery does. */
export function parseHistoryQueryString(text: string): CommandResult<HistoryQuery> {
  const input: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const seen = input[key];
    input[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return parseHistoryQuery(input);
}
