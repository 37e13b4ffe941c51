import type { ConnectWiseConnectionInput, ConnectWiseConnectionView } from '../../../shared/schemas/connectwise.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { ConnectWiseConnectionRecord } from '../ports/connectwise-store.js';
import type { SecretBox } from '../ports/secret-box.js';
import type { Store, StoreSession } from '../ports/store.js';
import { keySource, sealContext } from './credentials.js';

/** A refused write: the HTTP status it answers and the field at fault. */
export interface ConnectionRefusal {
  ok: false;
  status: 400 | 404 | 409;
  message: string;
  field?: string;
}

/** The outcome of a connection write. */
export type ConnectionOutcome<T> = { ok: true; value: T } | ConnectionRefusal;

/** Who writes, for the audit trail. */
export interface ConnectionActor {
  userId: string;
  address: string | null;
}

/** What the connections use-cases need. */
export interface ConnectWiseConnectionsDeps {
  store: Store;
  clock: Clock;
  box: SecretBox;
  env: Record<string, string | undefined>;
  audit?: AuditTrail;
  /** Called after a connection was saved (it may have been mended): its failed tickets are retried. */
  onSaved?: (connectionId: string) => Promise<void>;
  /** Called after any connection was saved or removed (the outbox reads the list again). */
  onChanged?: () => void;
}

/** The API's view of a stored connection: the keys only say whether they are set, and where from. */
export function viewOf(record: ConnectWiseConnectionRecord, env: Record<string, string | undefined>): ConnectWiseConnectionView {
  return {
    ...record.connection,
    publicKey: keySource(record, 'publicKey', env),
    privateKey: keySource(record, 'privateKey', env),
    broken: record.brokenAt ? { at: record.brokenAt.toISOString(), reason: record.brokenReason ?? 'refused' } : null,
    managedBy: record.managedBy,
  };
}

const refuse = (status: ConnectionRefusal['status'], message: string, field?: string): ConnectionRefusal => ({
  ok: false,
  status,
  message: field ? `${field}: ${message}` : message,
  ...(field ? { field } : {}),
});

/**
 * The ConnectWise connections as managers edit them: keys given in the console are sealed with
 * KLAXON_SECRET_KEY (refused without it) and never read back; every service a connection names must
 * exist and belong to no other connection. Saving a connection mends it when it was broken. Writes
 * are audited without their keys.
 */
export function createConnectWiseConnections(deps: ConnectWiseConnectionsDeps) {
  const audit = deps.audit ?? noAuditTrail;

  const check = async (tx: StoreSession, input: ConnectWiseConnectionInput): Promise<ConnectionRefusal | undefined> => {
    const services = new Set((await tx.listServices()).map((s) => s.id));
    const others = (await tx.listConnectWiseConnections()).filter((c) => c.connection.id !== input.id);
    for (const [i, serviceId] of input.services.entries()) {
      if (!services.has(serviceId)) return refuse(400, `unknown service "${serviceId}"`, `services.${i}`);
      const taken = others.find((c) => c.connection.services.includes(serviceId));
      if (taken) return refuse(409, `the service "${serviceId}" already belongs to the connection "${taken.connection.id}"`, `services.${i}`);
    }
    for (const field of ['publicKey', 'privateKey'] as const) {
      if (input[field] !== undefined && input[`${field}Env`] !== undefined) return refuse(400, `give ${field} or ${field}Env, not both`, field);
      if (input[field] !== undefined && !deps.box.ready) {
        return refuse(400, 'keys set in the console need KLAXON_SECRET_KEY on the relay; name environment variables instead', field);
      }
    }
    return undefined;
  };

  const save = async (
    input: ConnectWiseConnectionInput,
    actor: ConnectionActor,
    mode: 'create' | 'update',
  ): Promise<ConnectionOutcome<ConnectWiseConnectionView>> => {
    const outcome = await deps.store.transaction(async (tx): Promise<ConnectionOutcome<ConnectWiseConnectionView>> => {
      const existing = await tx.getConnectWiseConnection(input.id);
      if (mode === 'create' && existing) return refuse(409, `a connection "${input.id}" exists already`, 'id');
      if (mode === 'update' && !existing) return refuse(404, `no connection "${input.id}"`);
      const refused = await check(tx, input);
      if (refused) return refused;
      const { publicKey, privateKey, ...connection } = input;
      const sealedOf = (field: 'publicKey' | 'privateKey', given: string | undefined) => {
        if (connection[`${field}Env`]) return null;
        if (given !== undefined) return deps.box.seal(given, sealContext(input.id, field));
        return (field === 'publicKey' ? existing?.publicKeySealed : existing?.privateKeySealed) ?? null;
      };
      const record: ConnectWiseConnectionRecord = {
        connection,
        publicKeySealed: sealedOf('publicKey', publicKey),
        privateKeySealed: sealedOf('privateKey', privateKey),
        managedBy: 'console',
        fileHash: existing?.fileHash ?? null,
        brokenAt: null,
        brokenReason: null,
      };
      await tx.upsertConnectWiseConnection(record);
      const keysChanged = [publicKey !== undefined && 'publicKey', privateKey !== undefined && 'privateKey'].filter(Boolean);
      await audit.record(
        {
          action: 'connectwise-connection.changed',
          actorId: actor.userId,
          address: actor.address,
          subject: { kind: 'connectwise-connection', id: input.id },
          details: { change: mode === 'create' ? 'created' : 'updated', keysSet: keysChanged },
        },
        tx,
      );
      return { ok: true, value: viewOf(record, deps.env) };
    });
    if (outcome.ok) {
      deps.onChanged?.();
      await deps.onSaved?.(input.id);
    }
    return outcome;
  };

  return {
    /** Every connection, keys shown only as set or not. */
    async list(): Promise<ConnectWiseConnectionView[]> {
      return (await deps.store.listConnectWiseConnections()).map((r) => viewOf(r, deps.env));
    },
    /** One connection. */
    async get(id: string): Promise<ConnectWiseConnectionView | undefined> {
      const record = await deps.store.getConnectWiseConnection(id);
      return record ? viewOf(record, deps.env) : undefined;
    },
    /** Creates a connection; 409 when the id exists. */
    create: (input: ConnectWiseConnectionInput, actor: ConnectionActor) => save(input, actor, 'create'),
    /** Replaces a connection; an absent key keeps the stored one. */
    update: (input: ConnectWiseConnectionInput, actor: ConnectionActor) => save(input, actor, 'update'),
    /** Removes a connection; its incidents' waiting calls fail with the reason at their next run. */
    async remove(id: string, actor: ConnectionActor): Promise<ConnectionOutcome<null>> {
      const outcome = await deps.store.transaction(async (tx): Promise<ConnectionOutcome<null>> => {
        if (!(await tx.deleteConnectWiseConnection(id))) return refuse(404, `no connection "${id}"`);
        await audit.record(
          { action: 'connectwise-connection.changed', actorId: actor.userId, address: actor.address, subject: { kind: 'connectwise-connection', id }, details: { change: 'deleted' } },
          tx,
        );
        return { ok: true, value: null };
      });
      if (outcome.ok) deps.onChanged?.();
      return outcome;
    },
  };
}

/** The connections use-cases, as `createConnectWiseConnections` builds them. */
export type ConnectWiseConnections = ReturnType<typeof createConnectWiseConnections>;
