import type { FastifyRequest } from 'fastify';
import type { CommandResult } from '../../../../shared/schemas/command.js';
import { signedInUser } from '../auth.js';
import { HttpError } from '../http-error.js';

const STATUS: Record<string, number> = { not_found: 404, conflict: 409, forbidden: 403 };

/** Turns a refused admin command into its HTTP error (404, 409, else 400), naming the field. */
export function settleAdmin<T>(result: CommandResult<T>): T {
  if (result.ok) return result.value;
  throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
}

/** The signed-in admin; anyone else gets 403 (the admin screens are for admins only). */
export function requireAdminUser(request: FastifyRequest) {
  const user = signedInUser(request);
  if (user.role !== 'admin') throw new HttpError(403, `this needs the role admin; you are ${user.role}`);
  return user;
}
