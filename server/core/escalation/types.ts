import type { EscalationState as IncidentEscalation } from '../../../shared/schemas/incident.js';
import type { Target } from '../../../shared/schemas/policy.js';
import type { Priority } from '../../../shared/schemas/priority.js';

/**
 * An instant as an ISO 8601 string in UTC (`Date.prototype.toISOString()`), so that the state and the
 * effects survive a JSON round trip unchanged and can go straight into timeline rows.
 */
export type Instant = string;

/**
 * Where an escalation stands; the same words as the incident's `escalation` field, so the app layer
 * copies `state.status` onto the incident as it is.
 */
export type EscalationStatus = Extract<IncidentEscalation, 'running' | 'stopped' | 'unanswered'>;

/** Why an escalation stopped: the escalation factor that was met. */
export type StopReason = 'read' | 'acknowledged' | 'resolved';

/** Why the engine moved on to another level. */
export type EscalationReason = 'timeout' | 'nobody-on-call' | 'escalate-now' | 'pages-failed';

/**
 * One page the escalation sent: one person, paged once when a level was entered and, for high
 * priority, re-sent while unread. `pageKey` is `${level}:${loop}:${userId}` in the first run and
 * `r${run}:${level}:${loop}:${userId}` in later ones (see `pageKeyOf`), unique within one escalation; the app layer prefixes it with the incident id to get a relay-wide page id.
 */
export interface EscalationPage {
  pageKey: string;
  userId: string;
  level: number;
  loop: number;
  /** The run the page belongs to (see `EscalationState.run`); absent for the first run. */
  run?: number;
  /** When the level was entered and the first attempt was due. */
  sentAt: Instant;
  /** When the latest attempt was due. */
  lastSentAt: Instant;
  /** How many attempts were emitted, the first included. */
  attempts: number;
  readAt: Instant | null;
  /**
   * When the app layer reported that the page could not reach the person on any channel; absent in
   * states stored before failures were recorded, which reads as "not failed".
   */
  failedAt?: Instant | null;
  /** When the next repeat is due; null when the page is read, not repeated, or the escalation ended. */
  nextRepeatAt: Instant | null;
}

/** One entry into a level, kept so that the failover can say which levels were tried and who was paged. */
export interface TriedLevel {
  level: number;
  loop: number;
  at: Instant;
  /** The users the level's targets resolved to, deduplicated; empty when nobody was on call. */
  userIds: string[];
}

/**
 * The stored state of one incident's escalation: plain JSON, kept beside the incident's frozen policy
 * snapshot and handed back to the engine on every call. Nothing in it refers to the wall clock; all
 * instants are due times the engine computed from the times it was given.
 */
export interface EscalationState {
  status: EscalationStatus;
  priority: Priority;
  /** Index into `policy.levels` of the current (or, once ended, the last) level. */
  level: number;
  /** 0 for the first pass through the levels, up to `policy.repeat`. */
  loop: number;
  /**
   * How many times the escalation was started again from the first level as a new run (a snooze
   * that ended); absent or 0 for the first run. Pages of earlier runs keep their keys and their reads,
   * but only the current run's pages count toward the escalation factor.
   */
  run?: number;
  levelStartedAt: Instant;
  /** When the current level times out; null once the escalation ended. */
  nextEscalationAt: Instant | null;
  /** Every page of every level entered so far, in the order they were first sent. */
  pages: EscalationPage[];
  /** Every level entry so far, in order, empty levels included. */
  tried: TriedLevel[];
  acknowledgedAt: Instant | null;
  resolvedAt: Instant | null;
  /** When the escalation stopped or failed over; null while running. */
  endedAt: Instant | null;
  stopReason: StopReason | null;
}

/** Pages one person for a level; `attempt` above 1 is a repeat of a page that is still unread. */
export interface PageEffect {
  type: 'page';
  at: Instant;
  pageKey: string;
  userId: string;
  level: number;
  loop: number;
  attempt: number;
}

/** A level's targets resolved to nobody; the engine moved on at once. */
export interface NobodyOnCallEffect {
  type: 'nobody-on-call';
  at: Instant;
  level: number;
  loop: number;
}

/** The escalation moved from one level to another; `loop` is the pass the new level belongs to. */
export interface EscalatedEffect {
  type: 'escalated';
  at: Instant;
  fromLevel: number;
  toLevel: number;
  loop: number;
  reason: EscalationReason;
}

/** The escalation factor was met; `by` names the page whose read stopped it. */
export interface StoppedEffect {
  type: 'stopped';
  at: Instant;
  reason: StopReason;
  by?: string;
}

/**
 * A stopped or failed-over escalation was started again on request ("escalate now", "I can't take
 * it"); `from` is the status it had, and the `escalated` effect that follows names the level entered.
 */
export interface RestartedEffect {
  type: 'restarted';
  at: Instant;
  from: 'stopped' | 'unanswered';
  stopReason: StopReason | null;
}

/**
 * The escalation started again from the first level as new run `run` (the incident was triggered
 * again when its snooze ended); `from` is the status it had. The pages that follow are new pages.
 */
export interface NewRunEffect {
  type: 'new-run';
  at: Instant;
  run: number;
  from: EscalationStatus;
}

/** A page as the failover report lists it. */
export interface FailoverPage {
  pageKey: string;
  userId: string;
  level: number;
  loop: number;
  state: 'sent' | 'read' | 'failed';
  attempts: number;
  sentAt: Instant;
  lastSentAt: Instant;
  readAt: Instant | null;
}

/**
 * Every level of every loop ran out with the escalation factor unmet: tell the failover e-mail
 * addresses and users, with every page sent and the levels tried, for the post-mortem.
 */
export interface FailoverEffect {
  type: 'failover';
  at: Instant;
  emails: string[];
  users: string[];
  pages: FailoverPage[];
  tried: TriedLevel[];
  /** How many passes through the levels were made. */
  loops: number;
  /** The run that failed over, when it is not the first (its pages are the ones listed). */
  run?: number;
}

/** Something the app layer must carry out and record on the timeline; `at` is when it was due. */
export type EscalationEffect =
  | PageEffect
  | NobodyOnCallEffect
  | EscalatedEffect
  | StoppedEffect
  | RestartedEffect
  | NewRunEffect
  | FailoverEffect;

/**
 * What every engine function returns: the new state to store, the effects to carry out in order, and
 * the earliest future instant anything is due (null when nothing ever will be).
 */
export interface StepResult {
  state: EscalationState;
  effects: EscalationEffect[];
  wakeAt: Date | null;
}

/**
 * What the engine asks of the outside world, synchronously and without side effects: the users a
 * target stands for at an instant (a `{user}` target is that user; a `{schedule}` target is whoever is
 * on call then, e.g. through the schedule core's `onCallAt`). An empty array means nobody.
 */
export interface EscalationContext {
  resolveTargets(target: Target, at: Date): readonly string[];
}

/** The incident facts an escalation starts from. */
export interface EscalationStart {
  priority: Priority;
  acknowledgedAt?: Instant | null;
  resolvedAt?: Instant | null;
}
