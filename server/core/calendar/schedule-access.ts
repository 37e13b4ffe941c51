import type { Schedule } from '../../../shared/schemas/schedule.js';
import type { Role } from '../../../shared/schemas/user.js';

/** The person asking, as schedule rules read them. */
export interface ScheduleActor {
  id: string;
  role: Role;
}

/** Tells whether a person manages schedules in general: admins and IR managers. */
export function managesSchedules(actor: ScheduleActor): boolean {
  return actor.role === 'admin' || actor.role === 'ir-manager';
}

/**
 * Tells whether `actor` may edit `schedule` (layers, rotations, restrictions, overrides): its one
 * owner — the person responsible for the digital schedule, as the field guide asks — IR managers
 * and admins. Other members request swaps instead.
 */
export function mayEditSchedule(actor: ScheduleActor, schedule: Pick<Schedule, 'owner'>): boolean {
  return managesSchedules(actor) || (schedule.owner !== undefined && schedule.owner === actor.id);
}
