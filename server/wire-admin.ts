import type { FastifyInstance } from 'fastify';
import { createAdminPriorityRules } from './app/admin/admin-priority-rules.js';
import { createAdminServices } from './app/admin/admin-services.js';
import { createAdminTeams } from './app/admin/admin-teams.js';
import { createAdminUsers } from './app/admin/admin-users.js';
import type { SessionEnds } from './app/accounts/session.js';
import type { IntakeService } from './app/intake/intake-service.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { Store } from './app/ports/store.js';
import { registerAdminPeopleRoutes } from './transport/http/routes/admin-people-routes.js';
import { registerAdminServiceRoutes } from './transport/http/routes/admin-service-routes.js';

/**
 * Wires the admin screens' routes (issue 16): people, teams, services with their integrations and
 * test alerts, and priority rules with their preview. Test alerts go through the relay's own intake.
 */
export function wireAdminFeatures(deps: { app: FastifyInstance; store: Store; clock: Clock; audit: AuditTrail; ends: SessionEnds; intake: Pick<IntakeService, 'ingest'> }): void {
  const { app, store, clock, audit } = deps;
  registerAdminPeopleRoutes(app, {
    users: createAdminUsers({ store, clock, ends: deps.ends, audit }),
    teams: createAdminTeams({ store, clock, audit }),
  });
  registerAdminServiceRoutes(app, {
    services: createAdminServices({ store, clock, intake: deps.intake, audit }),
    rules: createAdminPriorityRules({ store, clock, audit }),
  });
}
