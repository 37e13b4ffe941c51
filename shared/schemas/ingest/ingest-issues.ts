import type { z } from 'zod';

/** One thing wrong with an ingest body: the field at fault, as a path, and what is wrong with it. */
export interface IngestIssue {
  /** The field, written like "payload.summary", "alerts[0].status" or "Entity.priority.name"; "(body)" for the whole body. */
  path: string;
  message: string;
}

/** The result of checking an ingest body: the parsed value, or every issue found in it. */
export type IngestParse<T> = { ok: true; value: T } | { ok: false; issues: IngestIssue[] };

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** Writes a zod issue path the way people read field names: `alerts[0].labels['odd key']`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(body)';
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && PLAIN_KEY.test(key)) text += text === '' ? key : `.${key}`;
    else text += `['${String(key).replaceAll("'", "\\'")}']`;
  }
  return text;
}

/** Turns a zod error into issues that each name their field. */
export function toIngestIssues(error: z.ZodError): IngestIssue[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/** Writes issues as one line each, "path: message", for logs and error responses. */
export function describeIngestIssues(issues: readonly IngestIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}

/** Checks an ingest body against its schema and returns an outcome instead of throwing. */
export function parseIngestBody<S extends z.ZodType>(schema: S, body: unknown): IngestParse<z.output<S>> {
  const result = schema.safeParse(body);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: toIngestIssues(result.error) };
}
