import type { Report, ReportQuery } from '../../../shared/schemas/report.js';
import type { Role } from '../../../shared/schemas/user.js';
import { can } from '../../core/access/permissions.js';
import { buildReport } from '../../core/reports/index.js';
import type { Clock } from '../ports/clock.js';
import type { ReportRange } from '../ports/report-store.js';
import type { Store } from '../ports/store.js';

/** Who reads a report: confidential incidents count only when they may know them. */
export interface ReportViewer {
  userId: string;
  role: Role;
}

/** What the report service needs. */
export interface ReportServiceDeps {
  store: Store;
  clock: Clock;
}

/** The reports use-case the API calls. */
export interface ReportService {
  /**
   * Computes the report of `query` as `viewer` may see it: confidential incidents are left out of
   * every figure unless the viewer may see all of them (admin, IR manager) or is on their
   * need-to-know list — in the store's query, so nothing of them reaches the computation.
   */
  summary(viewer: ReportViewer, query: ReportQuery): Promise<Report>;
}

/**
 * Creates the report service: three indexed reads of the range (incidents with their facts, their
 * pages, their post-mortems' action items) plus the config for names, zones and schedules, then
 * the pure computation of `core/reports`.
 */
export function createReportService(deps: ReportServiceDeps): ReportService {
  const { store, clock } = deps;
  return {
    async summary(viewer, query) {
      const range: ReportRange = {
        fromMs: Date.parse(query.from),
        toMs: Date.parse(query.to),
        ...(query.team !== undefined ? { team: query.team } : {}),
        ...(query.service !== undefined ? { service: query.service } : {}),
        ...(query.client !== undefined ? { client: query.client } : {}),
        ...(query.priority !== undefined ? { priority: query.priority } : {}),
        ...(query.responder !== undefined ? { responder: query.responder } : {}),
        viewer: { userId: viewer.userId, seeAllConfidential: can(viewer.role, 'see-confidential') },
      };
      const [incidents, pages, teams, services, clients, users, schedules] = await Promise.all([
        store.reportIncidents(range),
        store.reportPages(range),
        store.listTeams(),
        store.listServices(),
        store.listClients(),
        store.listUsers(),
        store.listSchedules(),
      ]);
      const postmortemIds = [...new Set(incidents.flatMap((i) => (i.postmortemId === null ? [] : [i.postmortemId])))];
      const actionItems = postmortemIds.length ? await store.reportActionItems(postmortemIds) : [];
      return buildReport({
        query,
        generatedAt: clock.now(),
        incidents,
        pages,
        actionItems,
        schedules,
        directory: {
          teams,
          services,
          clients: clients.map((record) => record.client),
          users: users.map((u) => ({ id: u.id, name: u.name, timeZone: u.timeZone })),
        },
      });
    },
  };
}
