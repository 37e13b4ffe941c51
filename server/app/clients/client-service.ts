import type { Client } from '../../../shared/schemas/client.js';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Role } from '../../../shared/schemas/user.js';
import { clientReferenceIssues } from '../../../shared/config/client-references.js';
import { type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { ClientManagedBy, ClientRecord } from '../ports/client-store.js';
import type { Clock } from '../ports/clock.js';
import type { Store, StoreSession } from '../ports/store.js';
import type { ClientDirectory } from './client-directory.js';

/** A client as the API shows it: with which side (config file or console) last set it. */
export type ClientView = Client & { managedBy: ClientManagedBy };

/** Who asks: a signed-in person, their role and (for the audit trail) their address. */
export interface ClientActor {
  userId: string;
  role: Role;
  address?: string | null;
}

/** What the client service needs. */
export interface ClientServiceDeps {
  store: Store;
  clock: Clock;
  directory: ClientDirectory;
  audit?: AuditTrail;
  /** Told after a client write committed (the relay emits `clients:changed` to consoles). */
  onChanged?: () => void;
}

/** The roles that may create, change and delete clients. */
const MANAGERS: readonly Role[] = ['admin', 'ir-manager'];

/** Tells whether a role may create, change and delete clients (admins and IR managers). */
export function mayManageClients(role: Role): boolean {
  return MANAGERS.includes(role);
}

const view = (record: ClientRecord): ClientView => ({ ...record.client, managedBy: record.managedBy });
const fail = (code: 'invalid' | 'forbidden' | 'not_found' | 'conflict', message: string, field?: string) =>
  ({ ok: false, error: { code, message, ...(field === undefined ? {} : { field }) } }) as const;

// The first wrong reference of a client, as a refusal naming its path; undefined when all are right.
async function referenceRefusal(tx: StoreSession, client: Client) {
  const [services, others] = await Promise.all([tx.listServices(), tx.listClients()]);
  const owners = new Map<string, string>();
  for (const other of others) if (other.client.id !== client.id) for (const s of other.client.services) owners.set(s, other.client.id);
  const issue = clientReferenceIssues(client, new Set(services.map((s) => s.id)), (s) => owners.get(s))[0];
  if (!issue) return undefined;
  const field = issue.path.join('.');
  return fail(issue.kind === 'taken' ? 'conflict' : 'invalid', `${field}: ${issue.message}`, field);
}

/**
 * The clients use-cases the API calls: everyone signed in may read clients; admins and IR managers
 * create, change and delete them. Every write checks the client's service references, runs in one
 * transaction with its audit event, marks the client console-managed (see `applyConfigClients` for
 * how that survives a restart), refreshes the in-memory client map and tells consoles.
 */
export function createClientService(deps: ClientServiceDeps) {
  const audit = deps.audit ?? noAuditTrail;
  const write = async <T>(actor: ClientActor, work: (tx: StoreSession, now: Date) => Promise<CommandResult<T>>): Promise<CommandResult<T>> => {
    if (!mayManageClients(actor.role)) return fail('forbidden', `changing clients needs the role ir-manager or admin; you are ${actor.role}`);
    let result: CommandResult<T>;
    try {
      result = await deps.store.transaction((tx) => work(tx, deps.clock.now()));
    } catch (error) {
      // Another write gave one of the services to another client meanwhile.
      if ((error as Error).name !== 'StoreConflictError') throw error;
      return fail('conflict', 'services: one of these services belongs to another client', 'services');
    }
    if (result.ok) {
      deps.directory.invalidate();
      deps.onChanged?.();
    }
    return result;
  };
  const record = (tx: StoreSession, action: 'client.created' | 'client.updated' | 'client.deleted', actor: ClientActor, id: string) =>
    audit.record({ action, actorId: actor.userId, address: actor.address ?? null, subject: { kind: 'client', id } }, tx);

  return {
    /** Every client in list order. */
    async list(): Promise<ClientView[]> {
      return (await deps.store.listClients()).map(view);
    },

    /** One client, or undefined when there is none (or it was deleted). */
    async get(id: string): Promise<ClientView | undefined> {
      const found = await deps.store.getClientRecord(id);
      return found && found.deletedAt === null ? view(found) : undefined;
    },

    /** Creates a client; a client with that id already exists → conflict. */
    create(actor: ClientActor, client: Client): Promise<CommandResult<ClientView>> {
      return write(actor, async (tx, now) => {
        const stored = await tx.getClientRecord(client.id);
        if (stored && stored.deletedAt === null) return fail('conflict', `a client "${client.id}" exists`, 'id');
        const refusal = await referenceRefusal(tx, client);
        if (refusal) return refusal;
        const position = stored?.position ?? Math.max(-1, ...(await tx.listClients()).map((r) => r.position)) + 1;
        const saved: ClientRecord = { client, managedBy: 'console', configDigest: stored?.configDigest ?? null, position, updatedAt: now, deletedAt: null };
        await tx.saveClient(saved);
        await record(tx, 'client.created', actor, client.id);
        return { ok: true, value: view(saved) };
      });
    },

    /** Replaces a client; `id` must be the client's own id. */
    update(actor: ClientActor, id: string, client: Client): Promise<CommandResult<ClientView>> {
      return write(actor, async (tx, now) => {
        if (client.id !== id) return fail('invalid', `id: the body's id "${client.id}" is not the client's id "${id}"`, 'id');
        const stored = await tx.getClientRecord(id);
        if (!stored || stored.deletedAt !== null) return fail('not_found', `no client "${id}"`);
        const refusal = await referenceRefusal(tx, client);
        if (refusal) return refusal;
        const saved: ClientRecord = { ...stored, client, managedBy: 'console', updatedAt: now };
        await tx.saveClient(saved);
        await record(tx, 'client.updated', actor, id);
        return { ok: true, value: view(saved) };
      });
    },

    /** Deletes a client; its incidents keep their client id, its services belong to no client any more. */
    remove(actor: ClientActor, id: string): Promise<CommandResult<{ id: string }>> {
      return write(actor, async (tx, now) => {
        const stored = await tx.getClientRecord(id);
        if (!stored || stored.deletedAt !== null) return fail('not_found', `no client "${id}"`);
        await tx.saveClient({ ...stored, managedBy: 'console', updatedAt: now, deletedAt: now });
        await record(tx, 'client.deleted', actor, id);
        return { ok: true, value: { id } };
      });
    },
  };
}

/** The client service, as `createClientService` builds it. */
export type ClientService = ReturnType<typeof createClientService>;
