import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ReportQuerySchema, type ReportQuery } from '../../../../shared/schemas/report.js';
import type { ReportService } from '../../../app/reports/report-service.js';
import { reportCsv } from '../../../core/reports/index.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

/**
 * Parses a report query. An unknown parameter answers 400 naming it (the schema is strict); any
 * other wrong one names its field (`from`, `to`, `team`...).
 */
export function parseReportQuery(input: unknown): ReportQuery {
  const parsed = ReportQuerySchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    throw new HttpError(400, `unknown report parameter${issue.keys.length > 1 ? 's' : ''}: ${keys}`, issue.keys[0]);
  }
  return parseInput(ReportQuerySchema, input, 'query');
}

// A file name part for a download: the range's dates.
function fileStem(query: ReportQuery): string {
  return `klaxon-report-${query.from.slice(0, 10)}-to-${query.to.slice(0, 10)}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * The reports API (issue 14), for every signed-in console user (a phone's device token is refused
 * by the bearer guard; wallboard tokens are not bearer tokens): `GET /api/v1/reports/summary` (the
 * `Report` JSON), `GET /api/v1/reports/summary.csv` (one CSV in long form, see `reportCsv`) and
 * `GET /api/v1/reports/summary.json` (the JSON as a download). Confidential incidents count only
 * for people who may know them.
 */
export function registerReportRoutes(app: FastifyInstance, deps: { reports: ReportService }): void {
  const summary = async (request: FastifyRequest) => {
    const user = signedInUser(request);
    const query = parseReportQuery(request.query);
    return { query, report: await deps.reports.summary({ userId: user.id, role: user.role }, query) };
  };

  app.get('/api/v1/reports/summary', async (request, reply) => {
    const { report } = await summary(request);
    return reply.header('cache-control', 'no-store').send(report);
  });

  app.get('/api/v1/reports/summary.csv', async (request, reply) => {
    const { query, report } = await summary(request);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileStem(query)}.csv"`)
      .header('cache-control', 'no-store')
      .send(reportCsv(report));
  });

  app.get('/api/v1/reports/summary.json', async (request, reply) => {
    const { query, report } = await summary(request);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileStem(query)}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(report, null, 2));
  });
}
