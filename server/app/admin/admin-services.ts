import { randomBytes } from 'node:crypto';
import type { AdminServiceRow, IntegrationCreate, IntegrationKey, ServiceInput } from '../../../shared/schemas/admin.js';
import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Severity } from '../../../shared/schemas/priority.js';
import { hashIntegrationKey } from '../config/integration-key.js';
import { configSources, markConsoleEdit } from '../config/config-managed.js';
import type { IntakeService } from '../intake/intake-service.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { Store, StoreSession } from '../ports/store.js';
import { integrationEndpoint } from './integration-endpoint.js';

type Actor = { id: string };
const notFound = { ok: false, error: { code: 'not_found', field: 'id', message: 'no such service' } } as const;

async function checkReferences(tx: StoreSession, service: ServiceInput): Promise<CommandResult<never> | undefined> {
  if (!(await tx.getTeam(service.team))) return { ok: false, error: { code: 'invalid', field: 'team', message: `team: no team "${service.team}"` } };
  if (!(await tx.getPolicy(service.policy))) return { ok: false, error: { code: 'invalid', field: 'policy', message: `policy: no policy "${service.policy}"` } };
  return undefined;
}

/**
 * The admin screen's service use-cases: list services with their integrations' endpoints and where
 * their entries come from, create and change a service, add an integration (its key is made here and
 * answered once) or remove one, and send a test alert through the real intake. Each change is
 * audited (never a key); a change to a service the config file declares is marked as a console edit.
 */
export function createAdminServices(deps: { store: Store; clock: Clock; intake: Pick<IntakeService, 'ingest'>; audit?: AuditTrail }) {
  const audit = deps.audit ?? noAuditTrail;
  const { store, clock } = deps;
  return {
    /** Every service by name, with integrations (endpoint patterns, no keys) and config sources. */
    async list(): Promise<AdminServiceRow[]> {
      const [services, integrations] = await Promise.all([store.listServices(), store.listIntegrations()]);
      const ids = services.map((s) => s.id);
      const [sources, rules] = await Promise.all([configSources(store, 'service', ids), configSources(store, 'priority-rules', ids)]);
      return services.sort((a, b) => a.name.localeCompare(b.name)).map((service) => ({
        ...service,
        integrations: integrations
          .filter((i) => i.serviceId === service.id)
          .map((i) => ({ id: i.id, type: i.type, endpoint: integrationEndpoint(i.type, '{key}'), signed: !!i.settings.hmacSecret })),
        configSource: sources.get(service.id) ?? 'console',
        rulesSource: rules.get(service.id) ?? 'console',
      }));
    },

    /** Creates (`create`) or changes (`update`) a service's own fields; its rules and integrations stay. */
    async save(actor: Actor, input: ServiceInput, mode: 'create' | 'update'): Promise<CommandResult<{ id: string }>> {
      return store.transaction(async (tx): Promise<CommandResult<{ id: string }>> => {
        const existing = await tx.getService(input.id);
        if (mode === 'create' && existing) return { ok: false, error: { code: 'conflict', field: 'id', message: `id: a service "${input.id}" already exists` } };
        if (mode === 'update' && !existing) return notFound;
        const problem = await checkReferences(tx, input);
        if (problem) return problem;
        const { runbook: _runbook, ...kept } = existing ?? { priorityRules: [] };
        await tx.upsertService({ ...kept, ...input, priorityRules: existing?.priorityRules ?? [] });
        if (mode === 'update') await markConsoleEdit(tx, 'service', input.id, actor.id, clock.now());
        await audit.record({ action: 'service.changed', actorId: actor.id, subject: { kind: 'service', id: input.id }, details: { mode } }, tx);
        return { ok: true, value: { id: input.id } };
      });
    },

    /** Adds an integration to a service with a new random key, answered once with its endpoint. */
    async addIntegration(actor: Actor, serviceId: string, input: IntegrationCreate): Promise<CommandResult<IntegrationKey>> {
      const key = randomBytes(24).toString('base64url');
      const now = clock.now();
      return store.transaction(async (tx): Promise<CommandResult<IntegrationKey>> => {
        if (!(await tx.getService(serviceId))) return notFound;
        const id = `${serviceId}:${input.type}:c${randomBytes(4).toString('hex')}`;
        const { type, ...settings } = input;
        await tx.upsertIntegration({ id, serviceId, type, keyHash: hashIntegrationKey(key), settings, createdAt: now });
        await markConsoleEdit(tx, 'service', serviceId, actor.id, now);
        await audit.record({ action: 'integration.created', actorId: actor.id, subject: { kind: 'integration', id }, details: { serviceId, type } }, tx);
        return { ok: true, value: { id, key, endpoint: integrationEndpoint(type, key) } };
      });
    },

    /** Removes an integration: its key stops working at once. */
    async removeIntegration(actor: Actor, integrationId: string): Promise<CommandResult<{ id: string }>> {
      return store.transaction(async (tx): Promise<CommandResult<{ id: string }>> => {
        const found = (await tx.listIntegrations()).find((i) => i.id === integrationId);
        if (!found) return { ok: false, error: { code: 'not_found', field: 'id', message: 'no such integration' } };
        await tx.deleteIntegration(integrationId);
        await markConsoleEdit(tx, 'service', found.serviceId, actor.id, clock.now());
        await audit.record({ action: 'integration.deleted', actorId: actor.id, subject: { kind: 'integration', id: integrationId }, details: { serviceId: found.serviceId, type: found.type } }, tx);
        return { ok: true, value: { id: integrationId } };
      });
    },

    /**
     * Sends a test alert into the service through its first integration and the real intake (priority
     * rules, business hours, escalation), so an admin sees the whole path work. Needs an integration.
     */
    async testAlert(actor: Actor, serviceId: string, input: { summary?: string; severity?: Severity }): Promise<CommandResult<{ incidentId: string | null; outcome: string }>> {
      if (!(await store.getService(serviceId))) return notFound;
      const [integration] = await store.listIntegrations(serviceId);
      if (!integration) return { ok: false, error: { code: 'conflict', field: 'integrations', message: 'integrations: add an integration before sending a test alert' } };
      const now = clock.now();
      const alert: AlertInput = {
        action: 'trigger',
        dedupKey: `test-alert-${now.getTime()}`,
        summary: input.summary ?? `Test alert for ${serviceId}, sent by ${actor.id}`,
        severity: input.severity ?? 'info',
        source: 'klaxon admin test alert',
        labels: { test: 'true' },
        links: [],
        payload: { test: true, by: actor.id },
      };
      const [result] = await deps.intake.ingest(integration, [alert]);
      await audit.record({ action: 'service.changed', actorId: actor.id, subject: { kind: 'service', id: serviceId }, details: { testAlert: result?.incidentId ?? null } });
      return { ok: true, value: { incidentId: result?.incidentId ?? null, outcome: result?.outcome ?? 'ignored' } };
    },
  };
}

/** The admin screen's service use-cases, as `createAdminServices` builds them. */
export type AdminServices = ReturnType<typeof createAdminServices>;
