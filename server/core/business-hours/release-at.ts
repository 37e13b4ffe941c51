import type { Priority } from '../../../shared/schemas/priority.js';
import type { Service } from '../../../shared/schemas/service.js';
import { isBusinessTime, nextBusinessStart, type BusinessTeam } from './business-hours.js';

/**
 * When a new incident of `priority` is released to the escalation engine, or null to page now. High
 * pages now; medium pages now when the service says `pageMediumNow`; otherwise medium and low page
 * now within the team's business hours and are held until `nextBusinessStart` outside them.
 */
export function releaseAt(
  priority: Priority,
  team: BusinessTeam,
  service: Pick<Service, 'pageMediumNow'>,
  at: Date,
): Date | null {
  if (priority === 'high' || (priority === 'medium' && service.pageMediumNow)) return null;
  if (isBusinessTime(team, at)) return null;
  const next = nextBusinessStart(team, at);
  // nextBusinessStart answers `at` itself when no window exists at all: page now rather than hold.
  return next.getTime() > at.getTime() ? next : null;
}
