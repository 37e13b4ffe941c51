import type { PriorityPreview } from '../../../shared/schemas/admin.js';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { PriorityRule } from '../../../shared/schemas/service.js';
import { compilePriorityRuleMatch } from '../../core/priority/index.js';
import { markConsoleEdit } from '../config/config-managed.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';

/** How many of a service's latest incidents the preview replays. */
export const PREVIEW_INCIDENTS = 50;
/** How far back the preview looks. */
const PREVIEW_DAYS = 30;

const notFound = { ok: false, error: { code: 'not_found', field: 'id', message: 'no such service' } } as const;

/**
 * Replays `rules` on incidents (pure): each incident's stored priority against the one the rules give
 * its first alert's fields. A confidential incident's summary is never shown here.
 */
export function previewRules(rules: readonly PriorityRule[], incidents: readonly Incident[]): PriorityPreview {
  const match = compilePriorityRuleMatch(rules);
  const rows = incidents.map((incident) => {
    const proposed = match({ action: 'trigger', dedupKey: incident.dedupKey, summary: incident.summary, severity: incident.severity, source: incident.source, labels: {}, links: [], payload: null });
    return {
      id: incident.id,
      summary: incident.confidential ? 'Confidential incident' : incident.summary,
      severity: incident.severity,
      current: incident.priority,
      proposed: proposed.priority,
      rule: proposed.rule,
    };
  });
  return { incidents: rows, changed: rows.filter((r) => r.current !== r.proposed).length };
}

/**
 * The admin screen's priority-rule use-cases: save a service's ordered rules (audited; a change to
 * rules the config file declares is marked as a console edit) and preview a draft against the
 * service's recent incidents (which would change priority). Labels and the client's criticality are
 * not stored on incidents, so rules on them preview as not matching.
 */
export function createAdminPriorityRules(deps: { store: Store; clock: Clock; audit?: AuditTrail }) {
  const audit = deps.audit ?? noAuditTrail;
  const { store, clock } = deps;
  return {
    async save(actor: { id: string }, serviceId: string, rules: PriorityRule[]): Promise<CommandResult<{ id: string; rules: PriorityRule[] }>> {
      return store.transaction(async (tx): Promise<CommandResult<{ id: string; rules: PriorityRule[] }>> => {
        const service = await tx.getService(serviceId);
        if (!service) return notFound;
        await tx.upsertService({ ...service, priorityRules: rules });
        await markConsoleEdit(tx, 'priority-rules', serviceId, actor.id, clock.now());
        await audit.record({ action: 'priority-rules.changed', actorId: actor.id, subject: { kind: 'service', id: serviceId }, details: { rules: rules.length } }, tx);
        return { ok: true, value: { id: serviceId, rules } };
      });
    },
    async preview(serviceId: string, rules: PriorityRule[]): Promise<CommandResult<PriorityPreview>> {
      if (!(await store.getService(serviceId))) return notFound;
      const since = new Date(clock.now().getTime() - PREVIEW_DAYS * 86_400_000);
      const recent = (await store.listIncidents({ since, limit: 1000 })).filter((i) => i.serviceId === serviceId).slice(0, PREVIEW_INCIDENTS);
      return { ok: true, value: previewRules(rules, recent) };
    },
  };
}

/** The admin screen's priority-rule use-cases, as `createAdminPriorityRules` builds them. */
export type AdminPriorityRules = ReturnType<typeof createAdminPriorityRules>;
