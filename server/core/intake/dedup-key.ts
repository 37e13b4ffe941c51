import { sha256Hex } from './sha256.js';

/**
 * Writes a JSON value with object keys sorted at every level, so that equal values always give the
 * same text whatever order the sender wrote their keys in. Values JSON cannot hold are dropped the
 * way `JSON.stringify` drops them.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && typeof v !== 'function')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Derives a dedup key that is the same every time for the same value: `<prefix>-` and the first 32
 * hexadecimal digits of the SHA-256 of its canonical JSON. Used where a source gives no key of its own.
 */
export function stableDedupKey(prefix: string, value: unknown): string {
  return `${prefix}-${sha256Hex(canonicalJson(value)).slice(0, 32)}`;
}

/**
 * Uses a key a source gave when it fits (1–255 characters after trimming); a longer one is replaced
 * by its stable hash so that it still deduplicates. Returns undefined for an empty key.
 */
export function fitDedupKey(key: string | undefined, prefix: string): string | undefined {
  const trimmed = key?.trim();
  if (!trimmed) return undefined;
  return trimmed.length <= 255 ? trimmed : stableDedupKey(prefix, trimmed);
}
