import type { HistorySort } from '../../../shared/schemas/history.js';

/**
 * Where a page of history results ended: the last row's sort key and id. Rows after it (in the
 * page's order: the key, then the id as the tie-breaker) make the next page.
 */
export interface HistoryCursor {
  sort: HistorySort;
  /** The sort key values of the last row, in the order the sort compares them. */
  key: (number | string)[];
  id: string;
}

/** Encodes a cursor as opaque URL-safe text. */
export function encodeCursor(cursor: HistoryCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor given back by a client; undefined when it is not one this relay made. */
export function decodeCursor(text: string): HistoryCursor | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [sort, key, id] = value as unknown[];
  if (!['relevance', 'newest', 'oldest', 'priority'].includes(sort as string)) return undefined;
  if (!Array.isArray(key) || key.length > 4 || !key.every((k) => (typeof k === 'number' && Number.isFinite(k)) || (typeof k === 'string' && k.length <= 200))) return undefined;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) return undefined;
  return { sort: sort as HistorySort, key: key as (number | string)[], id };
}
