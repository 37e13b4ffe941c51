import { randomUUID } from 'node:crypto';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Indicator, IndicatorInput, IndicatorType, IntelImportResult } from '../../../shared/schemas/intel.js';
import type { Role } from '../../../shared/schemas/user.js';
import { can } from '../../core/access/permissions.js';
import { mayWriteIntel, maySeeIndicator } from '../../core/intel/access.js';
import { checkDraft } from '../../core/intel/draft.js';
import type { ImportItem } from '../../core/intel/import-item.js';
import { type AuditAction, type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { LinkViewer } from '../ports/intel-store.js';
import type { Store, StoreSession } from '../ports/store.js';
import { importItems } from './intel-import.js';
import { recordOf } from './intel-record.js';
import { unlinkableIncidents } from './intel-links.js';

/** Who reads or writes indicators. */
export interface IntelActor {
  userId: string;
  role: Role;
  address?: string | null;
}

/** The list filters of `GET /api/v1/intel/indicators`. */
export interface IntelListQuery {
  type?: IndicatorType;
  tag?: string;
  q?: string;
  /** Only indicators not expired now. */
  live?: boolean;
  limit: number;
}

/** What the intel service needs. */
export interface IntelServiceDeps {
  store: Store;
  clock: Clock;
  audit?: AuditTrail;
  /** Called after a committed write (the ingest index reads the indicators again). */
  onChanged?: () => Promise<void> | void;
}

const fail = (code: 'invalid' | 'forbidden' | 'not_found' | 'conflict', message: string, field?: string) =>
  ({ ok: false, error: { code, message, ...(field ? { field } : {}) } }) as const;

/** The links a reader may see: admins and managers see every incident, others not the confidential ones they may not know. */
export const linkViewer = (who: IntelActor): LinkViewer => ({ userId: who.userId, seesAll: can(who.role, 'see-confidential') });

/**
 * The intelligence-database use-cases the API calls (issue 15): every signed-in person reads `team`
 * indicators; threat researchers, IR managers and admins also read `restricted` ones and create,
 * change, delete, import and export. Values are checked and made canonical per type; a second
 * indicator with the same type and value is a conflict. Every write is audited in its transaction,
 * and the ingest matcher's index is refreshed after it.
 */
export function createIntelService(deps: IntelServiceDeps) {
  const audit = deps.audit ?? noAuditTrail;
  const record = (tx: StoreSession, action: AuditAction, who: IntelActor, id: string | null, details: Record<string, unknown>) =>
    audit.record({ action, actorId: who.userId, address: who.address ?? null, subject: id ? { kind: 'indicator', id } : null, details }, tx);
  const written = async <T>(result: CommandResult<T>): Promise<CommandResult<T>> => {
    if (result.ok) await deps.onChanged?.();
    return result;
  };
  const refuseWriter = (who: IntelActor) =>
    mayWriteIntel(who.role) ? undefined : fail('forbidden', `changing threat intelligence needs the role threat-researcher, ir-manager or admin; you are ${who.role}`);
  const checkLinks = async (tx: StoreSession, who: IntelActor, ids: readonly string[]) => {
    const refused = await unlinkableIncidents(tx, who, ids, false);
    return refused.length === 0 ? undefined : fail('invalid', `incidentIds.${refused[0]}: no incident "${ids[refused[0]!]}"`, `incidentIds.${refused[0]}`);
  };

  return {
    /** Indicators the reader may see, by type and value. */
    async list(who: IntelActor, query: IntelListQuery): Promise<Indicator[]> {
      return deps.store.listIndicators(
        {
          ...(query.type ? { type: query.type } : {}),
          ...(query.tag ? { tag: query.tag } : {}),
          ...(query.q ? { q: query.q } : {}),
          ...(query.live ? { liveAt: deps.clock.now() } : {}),
          ...(mayWriteIntel(who.role) ? {} : { visibility: ['team'] as const }),
          limit: query.limit,
        },
        linkViewer(who),
      );
    },

    /** One indicator, or undefined when there is none or the reader may not see it. */
    async get(who: IntelActor, id: string): Promise<Indicator | undefined> {
      const found = await deps.store.getIndicator(id, linkViewer(who));
      return found && maySeeIndicator(found, who.role) ? found : undefined;
    },

    /** Adds an indicator; one with the same type and value already there is a conflict. */
    async create(who: IntelActor, input: IndicatorInput): Promise<CommandResult<Indicator>> {
      const refusal = refuseWriter(who);
      if (refusal) return refusal;
      const checked = checkDraft(input);
      if (!checked.ok) return fail('invalid', `${checked.issues[0]!.field}: ${checked.issues[0]!.message}`, checked.issues[0]!.field);
      const draft = checked.draft;
      return written(
        await deps.store.transaction(async (tx): Promise<CommandResult<Indicator>> => {
          const now = deps.clock.now();
          const existing = await tx.findIndicator(draft.type, draft.value);
          if (existing) return fail('conflict', `value: an indicator ${draft.type} "${draft.value}" exists (${existing.id})`, 'value');
          const linkRefusal = await checkLinks(tx, who, draft.incidentIds);
          if (linkRefusal) return linkRefusal;
          const at = now.toISOString();
          const row = recordOf(draft, now, { id: randomUUID(), createdBy: who.userId, createdAt: at, firstSeenAt: at, lastSeenAt: at });
          await tx.saveIndicator(row);
          await tx.linkIndicators(draft.incidentIds.map((incidentId) => ({ indicatorId: row.id, incidentId, linkedAt: now })));
          await record(tx, 'intel.created', who, row.id, { type: row.type, value: row.value, visibility: row.visibility });
          return { ok: true, value: (await tx.getIndicator(row.id, linkViewer(who)))! };
        }),
      );
    },

    /**
     * Replaces an indicator's fields (its creator and creation time stay; first and last seen stay
     * when not given). Incident ids given are linked; links are never removed by an update.
     */
    async update(who: IntelActor, id: string, input: IndicatorInput): Promise<CommandResult<Indicator>> {
      const refusal = refuseWriter(who);
      if (refusal) return refusal;
      const checked = checkDraft(input);
      if (!checked.ok) return fail('invalid', `${checked.issues[0]!.field}: ${checked.issues[0]!.message}`, checked.issues[0]!.field);
      const draft = checked.draft;
      return written(
        await deps.store.transaction(async (tx): Promise<CommandResult<Indicator>> => {
          const now = deps.clock.now();
          const stored = await tx.getIndicator(id, { userId: who.userId, seesAll: true });
          if (!stored) return fail('not_found', `no indicator "${id}"`);
          const clash = await tx.findIndicator(draft.type, draft.value);
          if (clash && clash.id !== id) return fail('conflict', `value: an indicator ${draft.type} "${draft.value}" exists (${clash.id})`, 'value');
          const linkRefusal = await checkLinks(tx, who, draft.incidentIds);
          if (linkRefusal) return linkRefusal;
          const row = recordOf(draft, now, stored);
          if (Date.parse(row.lastSeenAt) < Date.parse(row.firstSeenAt)) return fail('invalid', 'lastSeenAt: last seen is before first seen', 'lastSeenAt');
          await tx.saveIndicator(row);
          await tx.linkIndicators(draft.incidentIds.map((incidentId) => ({ indicatorId: id, incidentId, linkedAt: now })));
          await record(tx, 'intel.updated', who, id, { type: row.type, value: row.value, visibility: row.visibility });
          return { ok: true, value: (await tx.getIndicator(id, linkViewer(who)))! };
        }),
      );
    },

    /** Deletes an indicator and its links. */
    async remove(who: IntelActor, id: string): Promise<CommandResult<{ id: string }>> {
      const refusal = refuseWriter(who);
      if (refusal) return refusal;
      return written(
        await deps.store.transaction(async (tx): Promise<CommandResult<{ id: string }>> => {
          const stored = await tx.getIndicator(id, { userId: who.userId, seesAll: true });
          if (!stored || !(await tx.deleteIndicator(id))) return fail('not_found', `no indicator "${id}"`);
          await record(tx, 'intel.deleted', who, id, { type: stored.type, value: stored.value });
          return { ok: true, value: { id } };
        }),
      );
    },

    /**
     * Imports read items all or nothing: when any item (or a read error passed in) is bad, nothing is
     * written and every error is answered with its path.
     */
    async import(who: IntelActor, items: readonly ImportItem[], readErrors: IntelImportResult['errors'], format: 'stix' | 'csv'): Promise<CommandResult<IntelImportResult>> {
      const refusal = refuseWriter(who);
      if (refusal) return refusal;
      const result = await deps.store.transaction(async (tx) => {
        const outcome = await importItems(tx, who, items, readErrors, deps.clock.now());
        if (outcome.errors.length === 0) await record(tx, 'intel.imported', who, null, { format, imported: outcome.imported, updated: outcome.updated });
        // Refused: roll back whatever the checks wrote (nothing, by construction) and answer the errors.
        return outcome;
      });
      if (result.errors.length > 0) return { ok: true, value: result };
      return written({ ok: true, value: result });
    },

    /** Every indicator the reader may see, for an export (audited, as it carries the database out). */
    async exportAll(who: IntelActor, format: 'stix' | 'csv'): Promise<Indicator[]> {
      const all = await deps.store.listIndicators(mayWriteIntel(who.role) ? {} : { visibility: ['team'] }, linkViewer(who));
      await audit.record({ action: 'intel.exported', actorId: who.userId, address: who.address ?? null, subject: null, details: { format, count: all.length } });
      return all;
    },
  };
}

/** The intel service, as `createIntelService` builds it. */
export type IntelService = ReturnType<typeof createIntelService>;
