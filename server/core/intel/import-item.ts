import { IndicatorInputSchema, type IndicatorInput } from '../../../shared/schemas/intel.js';
import { checkDraft } from './draft.js';

/** One indicator read from an import file, with the Klaxon fields an export carries beside the input. */
export interface ImportItem {
  /** Where in the file it came from: "objects[3]", "row 7". */
  path: string;
  input: IndicatorInput;
  /** The path of its incident links, for a refused link. */
  linksPath: string;
  /** The indicator's id when the file names one (a Klaxon export does). */
  id?: string;
  createdBy?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** One bad object or row: where, and why. */
export interface ImportError {
  path: string;
  message: string;
}

/**
 * Checks a would-be input against the shared input schema and the per-type rules, and names each
 * issue by the file's own field (`name` maps an input field to it), prefixed with `where`.
 */
export function checkImported(
  raw: Record<string, unknown>,
  where: (field: string) => string,
): { ok: true; input: IndicatorInput } | { ok: false; errors: ImportError[] } {
  const parsed = IndicatorInputSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: where(i.path.map(String).join('.')), message: i.message })) };
  }
  const checked = checkDraft(parsed.data);
  if (!checked.ok) return { ok: false, errors: checked.issues.map((i) => ({ path: where(i.field), message: i.message })) };
  return { ok: true, input: checked.draft };
}

/** Keeps defined fields only (an absent property stays absent, so the input schema's default applies). */
export function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
