import { randomUUID } from 'node:crypto';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type {
  MaintenanceWindow,
  MaintenanceWindowDraft,
  MaintenanceWindowView,
  Occurrence,
} from '../../../shared/schemas/maintenance.js';
import type { Role } from '../../../shared/schemas/user.js';
import { compileTiming, windowStatus } from '../../core/maintenance/index.js';
import { type ChangeSet, type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import { type AuditAction, type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import type { MaintenanceWindowRecord } from '../ports/maintenance-store.js';
import type { StoreSession } from '../ports/store.js';
import type { MaintenanceDirectory } from './maintenance-directory.js';
import { scheduleBoundary } from './maintenance-jobs.js';
import { endWindowHold } from './window-end.js';

/** Who asks: a signed-in person, their role and (for the audit trail) their address. */
export interface MaintenanceActor {
  userId: string;
  role: Role;
  address?: string | null;
}

/** What the maintenance service needs. */
export interface MaintenanceServiceDeps extends CommitDeps {
  clock: Clock;
  directory: MaintenanceDirectory;
  lifecycle: IncidentLifecycle;
  audit?: AuditTrail;
  /** Told after a window write committed (the relay tells consoles). */
  onChanged?: () => void;
}

/** The roles that may create, change, end and delete maintenance windows. */
const MANAGERS: readonly Role[] = ['admin', 'ir-manager'];

/** Tells whether a role may create, change, end and delete maintenance windows (admins and IR managers). */
export function mayManageMaintenance(role: Role): boolean {
  return MANAGERS.includes(role);
}

const STATE_ORDER = { active: 0, upcoming: 1, past: 2 } as const;

const fail = (code: 'invalid' | 'forbidden' | 'not_found' | 'conflict', message: string, field?: string) =>
  ({ ok: false, error: { code, message, ...(field === undefined ? {} : { field }) } }) as const;

/** A window with where it stands at `now`. */
export function viewOf(window: MaintenanceWindow, now: Date): MaintenanceWindowView {
  const compiled = compileTiming(window);
  const status = compiled.ok ? windowStatus(compiled.timing, now) : { state: 'past' as const, current: null, next: null };
  return { ...window, ...status };
}

/**
 * The zone a window's recurrence is read in when its author gave none: its one client's zone, else
 * the zone of the team of its first service, else the first team's, else UTC.
 */
export async function defaultZone(tx: StoreSession, draft: Pick<MaintenanceWindowDraft, 'match'>): Promise<string> {
  for (const clientId of draft.match.clients) {
    const zone = (await tx.getClientRecord(clientId))?.client.timeZone;
    if (zone) return zone;
  }
  for (const serviceId of draft.match.services) {
    const service = await tx.getService(serviceId);
    const team = service ? await tx.getTeam(service.team) : undefined;
    if (team) return team.timeZone;
  }
  return (await tx.listTeams())[0]?.timeZone ?? 'UTC';
}

// The first wrong part of a draft (an unknown service or client, a refused rule) as a refusal naming its field.
async function draftRefusal(tx: StoreSession, draft: MaintenanceWindowDraft, zone: string) {
  const services = new Set((await tx.listServices()).map((s) => s.id));
  const unknownService = draft.match.services.findIndex((s) => !services.has(s));
  if (unknownService >= 0) return fail('invalid', `match.services.${unknownService}: no service "${draft.match.services[unknownService]}"`, `match.services.${unknownService}`);
  const clients = new Set((await tx.listClients()).map((c) => c.client.id));
  const unknownClient = draft.match.clients.findIndex((c) => !clients.has(c));
  if (unknownClient >= 0) return fail('invalid', `match.clients.${unknownClient}: no client "${draft.match.clients[unknownClient]}"`, `match.clients.${unknownClient}`);
  const timing = compileTiming({ ...draft, timeZone: zone });
  if (!timing.ok) return fail('invalid', `${timing.issue.field}: ${timing.issue.message}`, timing.issue.field);
  return undefined;
}

/**
 * The maintenance-window use-cases the API calls: everyone signed in may read windows (they carry no
 * incident data); admins and IR managers create, change, end and delete them. Every write checks
 * the window, runs in one transaction with its audit event and its boundary row (the durable wake-up
 * for its next start or end), ends the window's hold at once when the write leaves it not running,
 * refreshes the in-memory windows ingest reads and tells consoles.
 */
export function createMaintenanceService(deps: MaintenanceServiceDeps) {
  const audit = deps.audit ?? noAuditTrail;
  const write = async <T>(actor: MaintenanceActor, work: (changes: ChangeSet) => Promise<CommandResult<T>>): Promise<CommandResult<T>> => {
    if (!mayManageMaintenance(actor.role)) return fail('forbidden', `changing maintenance windows needs the role ir-manager or admin; you are ${actor.role}`);
    const result = await commitAndPublish(deps, deps.clock.now(), work);
    if (result.ok) {
      deps.directory.invalidate();
      deps.onChanged?.();
    }
    return result;
  };
  const record = (tx: StoreSession, action: AuditAction, actor: MaintenanceActor, id: string, details: Record<string, unknown> = {}) =>
    audit.record({ action, actorId: actor.userId, address: actor.address ?? null, subject: { kind: 'maintenance-window', id }, details }, tx);
  // Saves a window, its boundary row, and ends its hold when it is not running now.
  const save = async (changes: ChangeSet, saved: MaintenanceWindowRecord, actor: MaintenanceActor) => {
    await changes.tx.saveMaintenanceWindow(saved);
    await scheduleBoundary(changes, saved.window, saved.window.id);
    const view = viewOf(saved.window, changes.now);
    if (view.state !== 'active') await endWindowHold(changes, saved.window, deps.lifecycle, { type: 'user', id: actor.userId });
    return view;
  };
  const live = async (tx: StoreSession, id: string) => {
    const found = await tx.getMaintenanceWindowRecord(id);
    return found && found.deletedAt === null ? found : undefined;
  };

  return {
    /** Every window with its state: running first, then upcoming, then past; by name within each. */
    async list(): Promise<MaintenanceWindowView[]> {
      const now = deps.clock.now();
      const views = (await deps.store.listMaintenanceWindows()).map((r) => viewOf(r.window, now));
      return views.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    },

    /** One window with its state, or undefined when there is none (or it was deleted). */
    async get(id: string): Promise<MaintenanceWindowView | undefined> {
      const found = await live(deps.store, id);
      return found && viewOf(found.window, deps.clock.now());
    },

    /** The next occurrences of a draft recurrence (for the form's preview), or why the rule is refused. */
    preview(input: { recurrence: NonNullable<MaintenanceWindowDraft['recurrence']>; timeZone: string; count: number }): CommandResult<Occurrence[]> {
      const compiled = compileTiming({ recurrence: input.recurrence, timeZone: input.timeZone });
      if (!compiled.ok) return fail('invalid', `${compiled.issue.field}: ${compiled.issue.message}`, compiled.issue.field);
      const now = deps.clock.now();
      return { ok: true, value: compiled.timing.between(now, new Date(now.getTime() + 3660 * 86_400_000), input.count) };
    },

    /** Creates a window (its id is made up when the draft has none); a window with that id already exists → conflict. */
    create(actor: MaintenanceActor, draft: MaintenanceWindowDraft): Promise<CommandResult<MaintenanceWindowView>> {
      return write(actor, async (changes) => {
        const { tx, now } = changes;
        const id = draft.id ?? `mw-${randomUUID().slice(0, 8)}`;
        const stored = await tx.getMaintenanceWindowRecord(id);
        if (stored && stored.deletedAt === null) return fail('conflict', `a maintenance window "${id}" exists`, 'id');
        const zone = draft.timeZone ?? (await defaultZone(tx, draft));
        const refusal = await draftRefusal(tx, draft, zone);
        if (refusal) return refusal;
        const at = now.toISOString();
        const window: MaintenanceWindow = { ...draft, id, timeZone: zone, createdBy: actor.userId, createdAt: at, updatedAt: at, endedAt: null, managedBy: 'console' };
        const view = await save(changes, { window, configDigest: stored?.configDigest ?? null, deletedAt: null }, actor);
        await record(tx, 'maintenance.created', actor, id, { name: window.name });
        return { ok: true, value: view };
      });
    },

    /** Replaces a window's settings; its creator and creation time stay. */
    update(actor: MaintenanceActor, id: string, draft: MaintenanceWindowDraft): Promise<CommandResult<MaintenanceWindowView>> {
      return write(actor, async (changes) => {
        const { tx, now } = changes;
        if (draft.id !== undefined && draft.id !== id) return fail('invalid', `id: the body's id "${draft.id}" is not the window's id "${id}"`, 'id');
        const stored = await live(tx, id);
        if (!stored) return fail('not_found', `no maintenance window "${id}"`);
        const zone = draft.timeZone ?? (await defaultZone(tx, draft));
        const refusal = await draftRefusal(tx, draft, zone);
        if (refusal) return refusal;
        const { createdBy, createdAt } = stored.window;
        const window: MaintenanceWindow = { ...draft, id, timeZone: zone, createdBy, createdAt, updatedAt: now.toISOString(), endedAt: null, managedBy: 'console' };
        const view = await save(changes, { ...stored, window }, actor);
        await record(tx, 'maintenance.updated', actor, id, { name: window.name });
        return { ok: true, value: view };
      });
    },

    /** Ends the running occurrence now: the window's hold ends as its end rule says; a recurring window comes back at its next occurrence. */
    endNow(actor: MaintenanceActor, id: string): Promise<CommandResult<MaintenanceWindowView>> {
      return write(actor, async (changes) => {
        const { tx, now } = changes;
        const stored = await live(tx, id);
        if (!stored) return fail('not_found', `no maintenance window "${id}"`);
        if (viewOf(stored.window, now).state !== 'active') return fail('conflict', `maintenance window "${id}" is not running`);
        const window: MaintenanceWindow = { ...stored.window, endedAt: now.toISOString(), updatedAt: now.toISOString(), managedBy: 'console' };
        const view = await save(changes, { ...stored, window }, actor);
        const count = await endWindowHold(changes, window, deps.lifecycle, { type: 'user', id: actor.userId });
        await record(tx, 'maintenance.ended', actor, id, { name: window.name, onEnd: window.onEnd, early: true, ...count });
        return { ok: true, value: view };
      });
    },

    /** Deletes a window; a running one's hold ends first, as its end rule says. */
    remove(actor: MaintenanceActor, id: string): Promise<CommandResult<{ id: string }>> {
      return write(actor, async (changes) => {
        const { tx, now } = changes;
        const stored = await live(tx, id);
        if (!stored) return fail('not_found', `no maintenance window "${id}"`);
        const count = await endWindowHold(changes, stored.window, deps.lifecycle, { type: 'user', id: actor.userId });
        const window: MaintenanceWindow = { ...stored.window, updatedAt: now.toISOString(), managedBy: 'console' };
        await tx.saveMaintenanceWindow({ ...stored, window, deletedAt: now });
        await scheduleBoundary(changes, undefined, id);
        await record(tx, 'maintenance.deleted', actor, id, { name: window.name, ...count });
        return { ok: true, value: { id } };
      });
    },
  };
}

/** The maintenance service, as `createMaintenanceService` builds it. */
export type MaintenanceService = ReturnType<typeof createMaintenanceService>;
