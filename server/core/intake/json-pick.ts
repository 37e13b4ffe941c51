/** One step of a pick: an object key or an array index. */
export type PickStep = string | number;

/** What a pick found: the value, or nothing (a missing key, an index past the end, a non-container). */
export type PickResult = { found: true; value: unknown } | { found: false };

const STEP = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\['([^']+)'\]/y;

/**
 * Parses a JSONPath-like pick — `$`, then any of `.key`, `[0]` and `['odd key']` — into its steps,
 * or returns undefined when the text is not such a pick (the grammar of `JsonPickSchema`).
 */
export function parseJsonPick(path: string): PickStep[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: PickStep[] = [];
  STEP.lastIndex = 1;
  while (STEP.lastIndex < path.length) {
    const at = STEP.lastIndex;
    const m = STEP.exec(path);
    if (!m || m.index !== at) return undefined;
    steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]!));
  }
  return steps;
}

/** Follows parsed steps through a JSON value. Only own keys count, so "$.constructor" finds nothing. */
export function followPick(value: unknown, steps: readonly PickStep[]): PickResult {
  let current = value;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return { found: false };
      current = current[step];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return { found: false };
      if (!Object.hasOwn(current, step)) return { found: false };
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current === undefined ? { found: false } : { found: true, value: current };
}

/** Picks a value out of a JSON body with a pick such as "$.alert.labels.severity"; a bad pick finds nothing. */
export function pickJson(body: unknown, path: string): PickResult {
  const steps = parseJsonPick(path);
  return steps === undefined ? { found: false } : followPick(body, steps);
}
