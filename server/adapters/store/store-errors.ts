/**
 * Tells whether a database error is a unique-constraint violation (PostgreSQL SQLSTATE 23505,
 * SQLite SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY), looking through `cause` chains.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Tells whether PostgreSQL aborted a transaction for another's sake — a deadlock (SQLSTATE 40P01) or a
 * serialization failure (40001) — looking through `cause` chains. The transaction did nothing and
 * running it again is the documented remedy.
 */
export function isTransientAbort(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '40P01' || code === '40001') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Thrown when a write collides with a unique rule, such as a second open incident for the same
 * service and dedup key (another relay got there first): the caller re-reads and retries.
 */
export class StoreConflictError extends Error {
  /** Creates the error with a message naming what collided and the database error as `cause`. */
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'StoreConflictError';
  }
}
