import { timeOrderedId } from '../ids/time-ordered-id.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Actor, TimelineEvent, TimelineEventType } from '../../../shared/schemas/timeline.js';
import type { FeedChange, IncidentFeed } from '../feed/incident-feed.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { JobRecord, Store, StoreSession } from '../ports/store.js';
import { markSimulated } from '../demo/simulated-actor.js';

/**
 * What one transaction changed, collected while it runs so that the feed hears of it only after the
 * commit (a rolled-back transaction publishes nothing).
 */
export class ChangeSet {
  readonly changes: FeedChange[] = [];
  /** Due times of jobs this transaction added, so the job runner wakes for them after the commit. */
  readonly dueAts: Date[] = [];
  /**
   * What runs once the transaction has committed (counters, mostly): a transaction may run its work
   * more than once (a retried deadlock, a commit batch re-run job by job) or roll back, and only the
   * committed run may count.
   */
  readonly committed: (() => void)[] = [];
  /**
   * Incidents this transaction read under their lock (see `read`), as the commit leaves them unless
   * it changed them too (then `changes` has the change): the feed's listeners need not read them again.
   */
  readonly incidents = new Map<string, Incident>();

  constructor(
    readonly tx: StoreSession,
    readonly now: Date,
  ) {}

  /** Records that an incident was created. */
  created(incident: Incident): Incident {
    this.changes.push({ type: 'incident:created', incident });
    return incident;
  }

  /**
   * Notes an incident as this transaction read it, after taking its lock (`tx.getIncident` locks it
   * on PostgreSQL; SQLite's write transaction holds the whole file). Any change of it afterwards in
   * this transaction must go through `updated`.
   */
  read(incident: Incident): Incident {
    this.incidents.set(incident.id, incident);
    return incident;
  }

  /** Records that an incident changed; a later change of the same incident replaces the earlier. */
  updated(incident: Incident): Incident {
    const i = this.changes.findIndex(
      (c) => (c.type === 'incident:updated' || c.type === 'incident:created') && c.incident.id === incident.id,
    );
    const previous = i >= 0 ? this.changes[i] : undefined;
    if (previous && previous.type !== 'timeline:appended' && previous.type !== 'page:updated') {
      this.changes[i] = { type: previous.type, incident };
    } else {
      this.changes.push({ type: 'incident:updated', incident });
    }
    return incident;
  }

  /** Adds or replaces a due job in this transaction and remembers to wake the runner for it. */
  async schedule(job: Omit<JobRecord, 'attempts'>): Promise<void> {
    await this.tx.upsertJob({ ...job, attempts: 0 });
    this.dueAts.push(job.dueAt);
  }

  /** Runs `effect` after the commit of this transaction, never when it rolls back. */
  afterCommit(effect: () => void): void {
    this.committed.push(effect);
  }

  /** Records that a page changed. */
  page(page: Page): Page {
    this.changes.push({ type: 'page:updated', page });
    return page;
  }

  /** Appends a timeline event to the incident in this transaction. */
  async timeline(
    incidentId: string,
    type: TimelineEventType,
    actor: Actor,
    data: Record<string, unknown> = {},
  ): Promise<TimelineEvent> {
    // A simulated demo person's steps are marked as such (KLAXON_DEMO=1 only; see app/demo/).
    const event: TimelineEvent = { id: timeOrderedId(), incidentId, at: this.now.toISOString(), type, actor, data: markSimulated(actor, data) };
    await this.tx.appendTimeline(event);
    this.changes.push({ type: 'timeline:appended', event });
    return event;
  }
}

/** Where committed changes go: the store, the feed, and the job runner's wake-up. */
export interface CommitDeps {
  store: Store;
  feed: IncidentFeed;
  pokeJobs: (at: Date) => void;
  /**
   * Hears of an after-commit effect that threw: the transaction stays committed and answered, and
   * its other effects still run. Without it the first such error is thrown once they all have run.
   */
  onEffectError?: (error: unknown) => void;
}

/**
 * Runs `work` in one store transaction; once it has committed, publishes what it changed and wakes
 * the job runner for the jobs it added. Returns what `work` returned.
 */
export async function commitAndPublish<T>(deps: CommitDeps, now: Date, work: (changes: ChangeSet) => Promise<T>): Promise<T> {
  let set: ChangeSet | undefined;
  const result = await deps.store.transaction(async (tx) => {
    set = new ChangeSet(tx, now);
    return work(set);
  });
  if (set) published(deps, set);
  return result;
}

/**
 * What follows a commit: the feed hears of the changes, the runner of the jobs, then the hooks run,
 * every one of them even when one throws (see `CommitDeps.onEffectError`).
 */
export function published(deps: CommitDeps, set: ChangeSet): void {
  deps.feed.publish(set.changes, set.incidents);
  for (const at of set.dueAts) deps.pokeJobs(at);
  let failed: { error: unknown } | undefined;
  for (const effect of set.committed) {
    try {
      effect();
    } catch (error) {
      if (deps.onEffectError) deps.onEffectError(error);
      else failed ??= { error };
    }
  }
  if (failed) throw failed.error;
}
