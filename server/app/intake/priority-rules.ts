import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { Priority } from '../../../shared/schemas/priority.js';
import type { IntegrationType, Service } from '../../../shared/schemas/service.js';
import type { Team } from '../../../shared/schemas/team.js';
import { releaseAt, whoseHours, type WhoseHours } from '../../core/business-hours/index.js';
import { compilePriorityRuleMatch, type PriorityContext, type PriorityRuleMatcher } from '../../core/priority/index.js';
import { type ClientDirectory, uncachedClientDirectory } from '../clients/client-directory.js';
import type { ClientSession } from '../ports/client-store.js';

/** What ingest decides for a new incident: its client, priority, and when it is released. */
export interface IntakeDecision {
  clientId: string | null;
  priority: Priority;
  /** The rule that set the priority as "<serviceId>#<n>" (n 1-based); null when the severity default applied. */
  rule: string | null;
  /** When the incident is released to escalation; null = page now. */
  releaseAt: Date | null;
  /** Whose business hours hold it (the client's own, or the team's). */
  hours: WhoseHours['owner'];
}

/** Priority and business-hours decisions for ingest, with each service's rules compiled once. */
export interface PriorityRules {
  priorityFor(service: Omit<Service, 'integrations'>, alert: AlertInput, context?: PriorityContext): Priority;
  /** When a new incident of this priority is released to escalation; null = page now. */
  releaseAt(priority: Priority, team: Team, service: Omit<Service, 'integrations'>, now: Date): Date | null;
  /**
   * Decides a new incident's client (see `ClientMap.clientFor`), its priority (rules may read the
   * criticality of the client's processes that depend on the service) and its release: by the
   * client's own business hours when it has them, else the team's. Reads clients from the
   * in-memory directory (through `session` only when that is stale).
   */
  decide(
    session: ClientSession,
    input: { service: Omit<Service, 'integrations'>; team: Team; integrationType: IntegrationType; alert: AlertInput; now: Date },
  ): Promise<IntakeDecision>;
}

/**
 * Creates the rule cache. A service's compiled rules are kept until its rules change (compared by
 * their JSON), so a config re-apply takes effect on the next alert. `clients` is the relay's client
 * directory (by default one without a cache).
 */
export function createPriorityRules(clients: ClientDirectory = uncachedClientDirectory): PriorityRules {
  const cache = new Map<string, { key: string; match: PriorityRuleMatcher }>();
  const matchFor = (service: Omit<Service, 'integrations'>, alert: AlertInput, context?: PriorityContext) => {
    const key = JSON.stringify(service.priorityRules);
    let entry = cache.get(service.id);
    if (!entry || entry.key !== key) {
      entry = { key, match: compilePriorityRuleMatch(service.priorityRules) };
      cache.set(service.id, entry);
    }
    return entry.match(alert, context);
  };
  const priorityFor: PriorityRules['priorityFor'] = (service, alert, context) => matchFor(service, alert, context).priority;
  return {
    priorityFor,
    releaseAt: (priority, team, service, now) => releaseAt(priority, team, service, now),
    async decide(session, { service, team, integrationType, alert, now }) {
      const map = await clients.current(session);
      const client = map.clientFor({ serviceId: service.id, integrationType, alert });
      const { priority, rule } = matchFor(service, alert, { criticalities: map.criticalitiesOf(service.id, client?.id) });
      const hours = whoseHours(team, client);
      return {
        clientId: client?.id ?? null,
        priority,
        rule: rule === null ? null : `${service.id}#${rule}`,
        releaseAt: releaseAt(priority, hours.hours, service, now),
        hours: hours.owner,
      };
    },
  };
}
