/**
 * Parses a JSON text column written by the store; a corrupt value names its column so that the
 * failing row can be found.
 */
export function parseJson<T>(text: string, column: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`The store holds invalid JSON in ${column}`, { cause: error });
  }
}

/** Turns an instant (ISO-8601 text or a Date) into epoch milliseconds, refusing invalid ones. */
export function toMillis(instant: string | Date, field: string): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(ms)) throw new Error(`The store cannot keep an invalid instant in ${field}: ${String(instant)}`);
  return ms;
}

/** Keeps a Date as canonical ISO-8601 text (UTC, milliseconds), refusing an invalid Date. */
export function isoOf(date: Date, field: string): string {
  toMillis(date, field);
  return date.toISOString();
}
