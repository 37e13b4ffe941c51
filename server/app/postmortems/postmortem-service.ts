import { randomUUID } from 'node:crypto';
import type { PostmortemRule } from '../../../shared/config/postmortem-config.js';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type {
  Postmortem,
  PostmortemEdit,
  PostmortemEditResult,
  PostmortemState,
  PostmortemSummary,
} from '../../../shared/schemas/postmortem.js';
import type { Role } from '../../../shared/schemas/user.js';
import { can } from '../../core/access/permissions.js';
import {
  applyFieldEdit,
  computeDigest,
  emptyFields,
  freshStamps,
  linkRefIssue,
  mayEditPostmortems,
  postmortemDemand,
  ruleFacts,
  transitionRefusal,
  type LinkTargets,
} from '../../core/postmortem/index.js';
import { knows } from '../incidents/incident-access.js';
import { type AuditAction, type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { PostmortemRecord } from '../ports/postmortem-store.js';
import type { Store, StoreSession } from '../ports/store.js';

/** Who asks: a signed-in person, their role and (for the audit trail) their address. */
export interface PostmortemActor {
  userId: string;
  role: Role;
  address?: string | null;
}

/** What the post-mortem service needs. */
export interface PostmortemServiceDeps {
  store: Store;
  clock: Clock;
  audit?: AuditTrail;
  /** The config file's rules that ask for a post-mortem (none without a config file). */
  rules?: readonly PostmortemRule[];
  /** Told after a change committed, with the post-mortem and its incidents (the relay pushes it to consoles that may see it). */
  onChanged?: (postmortem: Postmortem, incidents: readonly Incident[]) => void;
  /** Makes ids of new post-mortems, comments and action items (random UUIDs when absent). */
  newId?: () => string;
}

type Fail = { ok: false; error: { code: 'invalid' | 'forbidden' | 'not_found' | 'conflict'; message: string; field?: string } };
const fail = (code: Fail['error']['code'], message: string, field?: string): Fail => ({
  ok: false,
  error: { code, message, ...(field === undefined ? {} : { field }) },
});
const notFound = () => fail('not_found', 'no such post-mortem', 'id');
const READ_ONLY = 'this post-mortem is signed off and read-only; an ir-manager or admin moves it back to draft first';
const mayNotWrite = (role: Role) => fail('forbidden', `writing post-mortems needs a console role; you are ${role}`);

/** Thrown inside a write's transaction to roll it back when the post-mortem's version moved. */
class StaleWrite extends Error {}

/** How often a write is tried again when another write of the same post-mortem committed in between. */
const WRITE_ATTEMPTS = 8;

/**
 * The post-mortem use-cases (issue 14) the API and the console socket call. Every read and write
 * checks need-to-know: a person who may not know every incident of a post-mortem is told it does not
 * exist. Every write runs in one transaction with its audit event, over the version it read (tried
 * again when another write got in first), moves a `due` post-mortem to `draft`, and is pushed after
 * commit. Signed-off post-mortems are read-only until an IR manager or admin moves them back to draft.
 */
export function createPostmortemService(deps: PostmortemServiceDeps) {
  const { store, clock } = deps;
  const audit = deps.audit ?? noAuditTrail;
  const newId = deps.newId ?? randomUUID;

  const incidentsOf = async (session: StoreSession, ids: readonly string[]) => Promise.all(ids.map((id) => session.getIncident(id)));

  // The incidents of a record when `who` may know every one of them; undefined otherwise.
  const visibleIncidents = async (session: StoreSession, who: PostmortemActor, record: PostmortemRecord): Promise<Incident[] | undefined> => {
    const incidents = await incidentsOf(session, record.incidentIds);
    if (incidents.some((i) => !i)) return undefined;
    for (const incident of incidents) if (!(await knows(session, who, incident!))) return undefined;
    return incidents as Incident[];
  };

  const digestOf = async (session: StoreSession, record: PostmortemRecord, incidents: readonly Incident[]) => {
    if (record.digest) return record.digest;
    const [timelines, pages] = await Promise.all([
      Promise.all(incidents.map((i) => session.listTimeline(i.id))),
      Promise.all(incidents.map((i) => session.listPages(i.id))),
    ]);
    return computeDigest({ incidents, timeline: timelines.flat(), pages: pages.flat() });
  };

  const view = async (session: StoreSession, record: PostmortemRecord, incidents: readonly Incident[]): Promise<Postmortem> => {
    const [digest, comments] = await Promise.all([digestOf(session, record, incidents), session.listPostmortemComments(record.id)]);
    return {
      id: record.id,
      incidentIds: record.incidentIds,
      state: record.state,
      reason: record.reason,
      dueAt: record.dueAt?.toISOString() ?? null,
      fields: record.fields,
      stamps: record.stamps,
      digest,
      comments,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      reviewRequestedBy: record.reviewRequestedBy,
      signedOffBy: record.signedOffBy,
      signedOffAt: record.signedOffAt?.toISOString() ?? null,
      version: record.version,
    };
  };

  const linkTargets = async (session: StoreSession): Promise<LinkTargets> => {
    const [services, integrations, schedules] = await Promise.all([session.listServices(), session.listIntegrations(), session.listSchedules()]);
    return {
      services: new Map(
        services.map((s) => [
          s.id,
          { priorityRules: s.priorityRules.length, integrationTypes: new Set(integrations.filter((i) => i.serviceId === s.id).map((i) => i.type)) },
        ]),
      ),
      schedules: new Set(schedules.map((s) => s.id)),
    };
  };

  const record = (tx: StoreSession, action: AuditAction, who: PostmortemActor | null, id: string, details: Record<string, unknown>) =>
    audit.record({ action, actorId: who?.userId ?? null, address: who?.address ?? null, subject: { kind: 'postmortem', id }, details }, tx);

  const changed = (postmortem: Postmortem, incidents: readonly Incident[]) => deps.onChanged?.(postmortem, incidents);

  /**
   * Changes a post-mortem `who` may see: `change` gets the record as read in the transaction and
   * answers the record to write (version and time raised here) and its audit event, or a refusal.
   */
  const write = async <T>(
    who: PostmortemActor,
    id: string,
    change: (
      current: PostmortemRecord,
      tx: StoreSession,
      incidents: Incident[],
      now: Date,
    ) => Promise<Fail | { ok: true; next: PostmortemRecord; action: AuditAction; details: Record<string, unknown>; extra: T }>,
  ): Promise<CommandResult<{ postmortem: Postmortem; extra: T }>> => {
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
      let outcome;
      try {
        outcome = await store.transaction(async (tx) => {
          const current = await tx.getPostmortem(id);
          if (!current) return { result: notFound() };
          const incidents = await visibleIncidents(tx, who, current);
          if (!incidents) return { result: notFound() };
          const now = clock.now();
          const answer = await change(current, tx, incidents, now);
          if (!answer.ok) return { result: answer };
          const next: PostmortemRecord = { ...answer.next, updatedAt: now, version: current.version + 1 };
          // Another write committed since the read: roll this one back (comment included) and try again.
          if (!(await tx.updatePostmortem(next, current.version))) throw new StaleWrite();
          await record(tx, answer.action, who, id, answer.details);
          return { result: { ok: true as const, value: { postmortem: await view(tx, next, incidents), extra: answer.extra } }, incidents };
        });
      } catch (error) {
        if (error instanceof StaleWrite) continue;
        throw error;
      }
      if (outcome.result.ok && outcome.incidents) changed(outcome.result.value.postmortem, outcome.incidents);
      return outcome.result;
    }
    return fail('conflict', 'this post-mortem is being changed by many people at once; try again');
  };

  const firstWrite = (state: PostmortemState): PostmortemState => (state === 'due' ? 'draft' : state);

  return {
    /** A post-mortem `who` may see, or not_found (also when they may not know one of its incidents). */
    async load(who: PostmortemActor, id: string): Promise<CommandResult<Postmortem>> {
      const found = await store.getPostmortem(id);
      if (!found) return notFound();
      const incidents = await visibleIncidents(store, who, found);
      if (!incidents) return notFound();
      return { ok: true, value: await view(store, found, incidents) };
    },

    /** The post-mortem an incident is in, when there is one and `who` may see it; not_found otherwise. */
    async forIncident(who: PostmortemActor, incidentId: string): Promise<CommandResult<Postmortem>> {
      const id = await store.findPostmortemOfIncident(incidentId);
      return id === undefined ? notFound() : this.load(who, id);
    },

    /** Post-mortems `who` may see, newest first, by state; need-to-know filters inside the query, before the limit. */
    async list(who: PostmortemActor, filter: { states?: readonly PostmortemState[]; limit: number }): Promise<PostmortemSummary[]> {
      const records = await store.listPostmortems({ ...filter, ...(can(who.role, 'see-confidential') ? {} : { visibleTo: who.userId }) });
      const primaries = await Promise.all(records.map((r) => store.getIncident(r.incidentIds[0]!)));
      return records.map((r, i) => ({
        id: r.id,
        incidentIds: r.incidentIds,
        state: r.state,
        reason: r.reason,
        dueAt: r.dueAt?.toISOString() ?? null,
        summary: r.digest?.summary ?? primaries[i]?.summary ?? '',
        priority: r.digest?.priority ?? primaries[i]?.priority ?? 'low',
        openActionItems: r.fields.actionItems.filter((item) => item.state === 'open').length,
        updatedAt: r.updatedAt.toISOString(),
      }));
    },

    /**
     * Starts a post-mortem by hand (a draft, reason "manual") for incidents `who` may see, filed under
     * the first; not_found names an incident that does not exist or that `who` may not know, conflict
     * one already in a post-mortem.
     */
    async create(who: PostmortemActor, incidentIds: readonly string[]): Promise<CommandResult<Postmortem>> {
      if (!mayEditPostmortems(who.role)) return mayNotWrite(who.role);
      const ids = [...new Set(incidentIds)];
      const incidents: Incident[] = [];
      for (const [i, id] of ids.entries()) {
        const incident = await store.getIncident(id);
        if (!incident || !(await knows(store, who, incident))) return fail('not_found', `incidentIds.${i}: no such incident "${id}"`, `incidentIds.${i}`);
        incidents.push(incident);
      }
      const now = clock.now();
      const fresh: PostmortemRecord = {
        id: newId(),
        incidentIds: ids,
        state: 'draft',
        reason: 'manual',
        dueAt: null,
        fields: emptyFields(),
        stamps: freshStamps(),
        digest: null,
        createdAt: now,
        updatedAt: now,
        reviewRequestedBy: null,
        signedOffBy: null,
        signedOffAt: null,
        version: 1,
      };
      try {
        const postmortem = await store.transaction(async (tx) => {
          for (const [i, id] of ids.entries()) {
            if ((await tx.findPostmortemOfIncident(id)) !== undefined) return fail('conflict', `incidentIds.${i}: incident "${id}" is already in a post-mortem`, `incidentIds.${i}`);
          }
          await tx.insertPostmortem(fresh);
          await record(tx, 'postmortem.created', who, fresh.id, { incidentIds: ids, reason: 'manual' });
          return view(tx, fresh, incidents);
        });
        if ('ok' in postmortem) return postmortem;
        changed(postmortem, incidents);
        return { ok: true, value: postmortem };
      } catch (error) {
        if ((error as Error).name !== 'StoreConflictError') throw error;
        return fail('conflict', 'incidentIds: one of these incidents is already in a post-mortem', 'incidentIds');
      }
    },

    /**
     * Writes one field, last writer wins, with a conflict note when it overwrote someone else's write
     * made after the editor's base version. Action item links must point at configured targets, and
     * the people of the delivery answer must be users.
     */
    async edit(who: PostmortemActor, id: string, edit: PostmortemEdit): Promise<CommandResult<PostmortemEditResult>> {
      if (!mayEditPostmortems(who.role)) return mayNotWrite(who.role);
      const result = await write(who, id, async (current, tx, _incidents, now) => {
        if (current.state === 'signed_off') return fail('conflict', READ_ONLY, 'state');
        if (edit.field === 'actionItems') {
          const issue = linkRefIssue(edit.value, await linkTargets(tx));
          if (issue) return fail('invalid', issue.message, issue.field);
        }
        if (edit.field === 'questions' && edit.value.delivery.who.length) {
          const users = new Set((await tx.listUsers()).map((u) => u.id));
          const unknown = edit.value.delivery.who.findIndex((id) => !users.has(id));
          const field = `questions.delivery.who.${unknown}`;
          if (unknown >= 0) return fail('invalid', `${field}: unknown user "${edit.value.delivery.who[unknown]}"`, field);
        }
        const outcome = applyFieldEdit(current, edit, who.userId, now, newId);
        return {
          ok: true,
          next: { ...current, fields: outcome.fields, stamps: outcome.stamps, state: firstWrite(current.state) },
          action: 'postmortem.edited',
          details: { field: edit.field, overwrote: outcome.conflict?.overwrote ?? null },
          extra: outcome.conflict,
        };
      });
      return result.ok ? { ok: true, value: { postmortem: result.value.postmortem, conflict: result.value.extra } } : result;
    },

    /** Adds a comment (not on a signed-off post-mortem). */
    async comment(who: PostmortemActor, id: string, body: string): Promise<CommandResult<Postmortem>> {
      if (!mayEditPostmortems(who.role)) return mayNotWrite(who.role);
      const result = await write(who, id, async (current, tx, _incidents, now) => {
        if (current.state === 'signed_off') return fail('conflict', READ_ONLY, 'state');
        const commentId = newId();
        await tx.addPostmortemComment(id, { id: commentId, authorId: who.userId, at: now.toISOString(), body });
        return { ok: true, next: { ...current, state: firstWrite(current.state) }, action: 'postmortem.commented', details: { commentId }, extra: undefined };
      });
      return result.ok ? { ok: true, value: result.value.postmortem } : result;
    },

    /**
     * Moves a post-mortem through review: submit (→ in_review), send back (→ draft), sign off (IR
     * managers and admins, all three questions answered; freezes the digest), reopen a signed-off one
     * (→ draft, IR managers and admins; the digest is computed again).
     */
    async transition(who: PostmortemActor, id: string, to: 'draft' | 'in_review' | 'signed_off', note?: string): Promise<CommandResult<Postmortem>> {
      const result = await write(who, id, async (current, tx, incidents, now) => {
        const refusal = transitionRefusal(current.state, to, who.role, current.fields.questions);
        if (refusal) return fail(refusal.code, refusal.message, refusal.field);
        let next: PostmortemRecord = { ...current, state: to };
        if (to === 'in_review') next = { ...next, reviewRequestedBy: who.userId };
        if (to === 'signed_off') next = { ...next, signedOffBy: who.userId, signedOffAt: now, digest: await digestOf(tx, { ...current, digest: null }, incidents) };
        if (to === 'draft' && current.state === 'signed_off') next = { ...next, signedOffBy: null, signedOffAt: null, digest: null };
        return { ok: true, next, action: 'postmortem.transitioned', details: { from: current.state, to, ...(note ? { note } : {}) }, extra: undefined };
      });
      return result.ok ? { ok: true, value: result.value.postmortem } : result;
    },

    /**
     * Creates the `due` post-mortem a rule asks for when `incidentId` is resolved and in none yet
     * (reason: the rule's name; due: resolve time + the rule's `dueWithin`). Safe to call more than once
     * and from several relays: the incident's unique row makes it happen once. Answers whether it created one.
     */
    async ensureDue(incidentId: string): Promise<boolean> {
      const rules = deps.rules ?? [];
      if (!rules.length) return false;
      const incident = await store.getIncident(incidentId);
      if (!incident || incident.status !== 'resolved' || !incident.resolvedAt) return false;
      if ((await store.findPostmortemOfIncident(incidentId)) !== undefined) return false;
      const demand = postmortemDemand(rules, ruleFacts(incident, await store.listTimeline(incidentId)), new Date(incident.resolvedAt));
      if (!demand) return false;
      const now = clock.now();
      const fresh: PostmortemRecord = {
        id: newId(),
        incidentIds: [incidentId],
        state: 'due',
        reason: demand.reason,
        dueAt: demand.dueAt,
        fields: emptyFields(),
        stamps: freshStamps(),
        digest: null,
        createdAt: now,
        updatedAt: now,
        reviewRequestedBy: null,
        signedOffBy: null,
        signedOffAt: null,
        version: 1,
      };
      let postmortem: Postmortem;
      try {
        postmortem = await store.transaction(async (tx) => {
          await tx.insertPostmortem(fresh);
          await record(tx, 'postmortem.created', null, fresh.id, { incidentIds: [incidentId], reason: demand.reason, dueAt: demand.dueAt.toISOString() });
          return view(tx, fresh, [incident]);
        });
      } catch (error) {
        // Another relay (or a person) filed one for this incident first.
        if ((error as Error).name === 'StoreConflictError') return false;
        throw error;
      }
      changed(postmortem, [incident]);
      return true;
    },
  };
}

/** The post-mortem service, as `createPostmortemService` builds it. */
export type PostmortemService = ReturnType<typeof createPostmortemService>;
