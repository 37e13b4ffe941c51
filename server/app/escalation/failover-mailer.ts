import type { Log } from '../../adapters/log/create-logger.js';
import type { Mailer } from '../../adapters/mail/mailer.js';
import { pagedIncident } from '../../core/access/need-to-know.js';
import { type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { JobHandler } from '../jobs/job-runner.js';
import type { Clock } from '../ports/clock.js';
import { failoverReport } from './failover-report.js';

/** What the failover mailer needs. */
export interface FailoverMailerDeps extends CommitDeps {
  clock: Clock;
  log: Log;
  mailer: Mailer;
  /** Builds the link to an incident for the report. */
  incidentUrl: (incidentId: string) => string;
  maxAttempts?: number;
}

/**
 * Creates the `failover.mail` job handler: e-mails the failover report (built from the store at send
 * time, so it lists every page as it stands). A failure is retried; after the last try it is put on
 * the timeline so nobody believes the lead was told.
 */
export function createFailoverMailer(deps: FailoverMailerDeps): JobHandler {
  const maxAttempts = deps.maxAttempts ?? 5;
  return async (job) => {
    const incidentId = job.incidentId;
    const emails = Array.isArray(job.payload.emails) ? job.payload.emails.map(String) : [];
    if (!incidentId || emails.length === 0) return;
    const incident = await deps.store.getIncident(incidentId);
    if (!incident) return;
    const [pages, timeline, users] = await Promise.all([
      deps.store.listPages(incidentId),
      deps.store.listTimeline(incidentId),
      deps.store.listUsers(),
    ]);
    const names = new Map(users.map((u) => [u.id, u.name]));
    // A confidential incident's report names only its service; its details stay inside the app.
    const shown = incident.confidential
      ? pagedIncident(incident, (await deps.store.getService(incident.serviceId))?.name ?? incident.serviceId)
      : incident;
    try {
      await deps.mailer.send(failoverReport(shown, pages, timeline, names, deps.incidentUrl(incidentId), emails));
      deps.log.info({ incidentId, to: emails.length }, 'failover e-mail sent');
    } catch (error) {
      if (job.attempts < maxAttempts) throw error;
      deps.log.error({ err: error, incidentId }, 'failover e-mail failed for good');
      await commitAndPublish(deps, deps.clock.now(), (changes) =>
        changes.timeline(incidentId, 'page.failed', { type: 'system', id: null }, {
          channel: 'email',
          failover: true,
          to: emails,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  };
}
