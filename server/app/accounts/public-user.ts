import type { User } from '../../../shared/schemas/user.js';
import type { UserRecord } from '../../app/ports/store.js';

/** Strips a stored user down to what other people and clients may see (never the password hash). */
export function toPublicUser(record: UserRecord): User {
  return { id: record.id, name: record.name, email: record.email, role: record.role, notify: record.notify };
}
