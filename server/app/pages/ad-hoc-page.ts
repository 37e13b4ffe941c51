import { randomUUID } from 'node:crypto';
import type { AdHocPage } from '../../../shared/schemas/ad-hoc-page.js';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import { can, rolesFor } from '../../core/access/permissions.js';
import { queuePages } from '../escalation/apply-step.js';
import { type ChangeSet, type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { Requester } from '../incidents/incident-actions.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { UserRecord } from '../ports/store.js';
import { timeOrderedId } from '../ids/time-ordered-id.js';

/** What an ad-hoc page needs: the store, feed and job wake-up, the clock and the audit trail. */
export interface AdHocPageDeps extends CommitDeps {
  clock: Clock;
  audit?: AuditTrail;
}

/** What an ad-hoc page made: the incident it opened and the key of the page it queued. */
export interface AdHocPageResult {
  incident: Incident;
  pageKey: string;
}

type Refusal = { ok: false; error: { code: 'forbidden' | 'invalid'; message: string; field?: string } };
const invalid = (field: string, message: string): Refusal => ({ ok: false, error: { code: 'invalid', message: `${field}: ${message}`, field } });

/** The service the page's incident goes on: the named one, or the first (by id) of a team the person is in. */
async function serviceFor(changes: ChangeSet, page: AdHocPage, target: UserRecord) {
  const { tx } = changes;
  if (page.serviceId) return (await tx.getService(page.serviceId)) ?? invalid('serviceId', `no service "${page.serviceId}"`);
  const teams = new Set((await tx.listTeams()).filter((t) => t.members.includes(target.id)).map((t) => t.id));
  const service = (await tx.listServices()).sort((a, b) => a.id.localeCompare(b.id)).find((s) => teams.has(s.team));
  return service ?? invalid('serviceId', `${target.id} is in no team that owns a service; name one`);
}

/**
 * Creates ad-hoc pages (`klaxon page`, `POST /api/v1/pages`): in one transaction, opens an incident
 * on a service ("Page from ann: …"), with the requester as the opening actor, and pages the person
 * at once through their notify rules at level 0 — the same page queue as the console's "page a
 * person", so the page repeats until read, records its read receipt, and ends when the incident is
 * acknowledged or resolved. The service's escalation policy is not started: the page is addressed
 * to one person, not to the rota. Timeline (`incident.opened`, `page.queued`) and audit
 * (`incident.paged`) name the requester.
 */
export function createAdHocPages(deps: AdHocPageDeps) {
  const audit = deps.audit ?? noAuditTrail;
  return {
    page(who: Requester, page: AdHocPage): Promise<CommandResult<AdHocPageResult>> {
      if (!can(who.role, 'page-person')) {
        return Promise.resolve({ ok: false, error: { code: 'forbidden', message: `paging a person needs the role ${rolesFor('page-person').join(' or ')}` } });
      }
      return commitAndPublish(deps, deps.clock.now(), async (changes): Promise<CommandResult<AdHocPageResult>> => {
        const { tx, now } = changes;
        const target = await tx.getUser(page.userId);
        // Service accounts (API tokens') have no phone and are never paged.
        if (!target || target.id.startsWith('service.')) return invalid('userId', `no user "${page.userId}"`);
        const service = await serviceFor(changes, page, target);
        if ('ok' in service) return service;
        const actor = { type: 'user' as const, id: who.userId };
        let incident = await tx.insertIncident({
          id: timeOrderedId(),
          serviceId: service.id,
          teamId: service.team,
          dedupKey: `page:${randomUUID()}`,
          status: 'triggered',
          priority: page.priority,
          severity: page.priority === 'high' ? 'critical' : page.priority === 'medium' ? 'error' : 'warning',
          summary: page.summary,
          source: `page from ${who.userId}`,
          alertCount: 1,
          firstSeenAt: now.toISOString(),
          lastSeenAt: now.toISOString(),
          acknowledgedAt: null,
          resolvedAt: null,
          deferredUntil: null,
          escalation: 'none',
          triageVerdict: null,
          triageAssignee: null,
          forensicAssignee: null,
          confidential: false,
          links: [],
          externalRef: null,
          clientId: null,
        });
        await changes.timeline(incident.id, 'incident.opened', actor, { via: 'page', priority: incident.priority, severity: incident.severity, summary: incident.summary });
        const pageKey = `manual:${target.id}:${now.getTime()}`;
        await queuePages(changes, incident, pageKey, target.id, 0, now, async (id) => (id === target.id ? target : tx.getUser(id)));
        await changes.timeline(incident.id, 'page.queued', actor, { userId: target.id, level: 0, manual: true });
        await audit.record(
          { action: 'incident.paged', actorId: who.userId, address: who.address ?? null, subject: { kind: 'incident', id: incident.id }, details: { userId: target.id, serviceId: service.id, priority: incident.priority } },
          tx,
        );
        incident = (await tx.getIncident(incident.id)) ?? incident;
        changes.created(incident);
        return { ok: true, value: { incident, pageKey } };
      });
    },
  };
}

/** The ad-hoc pages, as `createAdHocPages` builds them. */
export type AdHocPages = ReturnType<typeof createAdHocPages>;
