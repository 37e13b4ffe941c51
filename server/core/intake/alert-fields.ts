import { isHttpLink } from '../../../shared/safe-link.js';
import type { Link } from '../../../shared/schemas/alert.js';
import { isZeroTime, parseTimestamp } from '../../../shared/schemas/ingest/timestamp.js';

/** Trims text and cuts it to `max` characters (ending with "…" when cut), so it fits an alert field. */
export function clip(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

/** Returns the first argument that is a string with something other than spaces in it. */
export function firstText(...candidates: (string | null | undefined)[]): string | undefined {
  return candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
}

/**
 * Builds alert links from sender links, skipping empty addresses and every one that is not an
 * absolute http(s) URL (`javascript:`, `data:`, `file:` … would run or open something in the
 * console), and cutting to the alert's limits.
 */
export function toLinks(links: readonly { href?: string | undefined; text?: string | undefined }[]): Link[] {
  const out: Link[] = [];
  for (const link of links) {
    const href = link.href?.trim();
    if (!href || href.length > 2048 || !isHttpLink(href)) continue;
    const text = link.text?.trim();
    out.push(text ? { href, text: clip(text, 1024) } : { href });
  }
  return out;
}

/** Reads a sender's timestamp as an instant for `occurredAt`; Go's zero time and bad text give undefined. */
export function toInstant(timestamp: string | undefined): string | undefined {
  const instant = timestamp === undefined ? undefined : parseTimestamp(timestamp);
  return instant === undefined || isZeroTime(instant) ? undefined : instant;
}
