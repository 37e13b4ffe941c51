import type { PayloadField } from '../../../shared/schemas/phone-incident-view.js';

/** How much of a payload the phone view carries at most. */
export const PAYLOAD_LIMITS = { fields: 24, key: 100, value: 300, depth: 2 } as const;

/**
 * Where the sources keep the fields a responder acts on: Events v2 `payload.custom_details`,
 * Alertmanager's alert labels and annotations, Grafana's labels and annotations (common or of the
 * first alert), and the generic names `custom_details`, `details`, `labels`.
 */
const KEY_PATHS: readonly (readonly string[])[] = [
  ['payload', 'custom_details'],
  ['alert', 'labels'],
  ['alert', 'annotations'],
  ['commonLabels'],
  ['commonAnnotations'],
  ['alerts', '0', 'labels'],
  ['alerts', '0', 'annotations'],
  ['custom_details'],
  ['details'],
  ['labels'],
  ['annotations'],
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function at(value: unknown, path: readonly string[]): unknown {
  let here = value;
  for (const step of path) {
    if (Array.isArray(here)) here = here[Number(step)];
    else if (isRecord(here)) here = here[step];
    else return undefined;
  }
  return here;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return undefined;
}

/** Adds `object`'s scalar fields (nested objects as `a.b`, down to the depth limit) to `out`. */
function collect(object: Record<string, unknown>, prefix: string, depth: number, out: PayloadField[], seen: Set<string>): number {
  let skipped = 0;
  for (const [name, value] of Object.entries(object)) {
    const key = prefix ? `${prefix}.${name}` : name;
    const text = scalar(value) ?? (Array.isArray(value) ? JSON.stringify(value) : undefined);
    if (text !== undefined) {
      if (seen.has(key)) continue;
      if (out.length >= PAYLOAD_LIMITS.fields) {
        skipped++;
        continue;
      }
      seen.add(key);
      out.push({ key: cut(key, PAYLOAD_LIMITS.key), value: cut(text, PAYLOAD_LIMITS.value) });
    } else if (isRecord(value)) {
      if (depth < PAYLOAD_LIMITS.depth) skipped += collect(value, key, depth + 1, out, seen);
      else skipped++;
    }
  }
  return skipped;
}

/**
 * The key fields of an alert payload as the phone shows them: the custom details or labels where a
 * source keeps them, else the payload's own top-level fields; at most `PAYLOAD_LIMITS.fields`
 * fields, keys and values cut to their limits. `cut` tells whether fields were left out.
 */
export function payloadFields(payload: unknown): { fields: PayloadField[]; cut: boolean } {
  const fields: PayloadField[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const path of KEY_PATHS) {
    const found = at(payload, path);
    if (isRecord(found)) skipped += collect(found, '', 1, fields, seen);
  }
  if (fields.length === 0 && isRecord(payload)) skipped += collect(payload, '', 1, fields, seen);
  return { fields, cut: skipped > 0 };
}
