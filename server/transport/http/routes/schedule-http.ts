import type { FastifyRequest } from 'fastify';
import { ScheduleProblem } from '../../../app/schedules/schedule-problem.js';
import type { ScheduleActor } from '../../../core/calendar/index.js';
import { signedInUser } from '../auth.js';
import { HttpError } from '../http-error.js';

const STATUS = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 } as const;

/** Runs a schedule use-case, answering its `ScheduleProblem`s as `{ error, field? }` with their status. */
export async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ScheduleProblem) throw new HttpError(STATUS[error.code], error.message, error.field);
    throw error;
  }
}

/** The signed-in user as schedule rules read them. */
export function actorOf(request: FastifyRequest): ScheduleActor {
  const user = signedInUser(request);
  return { id: user.id, role: user.role };
}

/** The relay's own address as the request reached it, for feed URLs (a configured public URL wins). */
export function baseUrlOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ? publicUrl.replace(/\/+$/, '') : `${request.protocol}://${request.host}`;
}
