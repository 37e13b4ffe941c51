/** The hash a chain's first row names as its predecessor: 64 zeros (no row came before it). */
export const GENESIS_HASH = '0'.repeat(64);

/** A one-way digest of text as lower-case hex (SHA-256 in the relay; the core stays free of Node). */
export type Digest = (text: string) => string;

/**
 * Returns the text a chain row's hash is the digest of: the previous row's hash, a newline, then the
 * row's own content as a JSON array of plain values. The array has a fixed field order and holds only
 * strings, numbers and nulls, so the same content always gives the same text.
 */
export function chainHashInput(prevHash: string, content: readonly (string | number | null)[]): string {
  return `${prevHash}\n${JSON.stringify(content)}`;
}
