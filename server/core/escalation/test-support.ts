import { PolicySchema, type Policy, type Target } from '../../../shared/schemas/policy.js';
import { step } from './step.js';
import type { EscalationContext, EscalationEffect, StepResult } from './types.js';

/** The fixed instant every escalation test starts from. */
export const T0 = Date.parse('2025-03-03T09:00:00.000Z');

/** The instant `seconds` after T0, as a Date. */
export function at(seconds: number): Date {
  return new Date(T0 + seconds * 1000);
}

/** The instant `seconds` after T0, as an ISO string the engine writes. */
export function iso(seconds: number): string {
  return at(seconds).toISOString();
}

/** Parses a policy the way config files are parsed, with a default id and name. */
export function policyOf(input: Record<string, unknown>): Policy {
  return PolicySchema.parse({ id: 'ops', name: 'Ops', ...input });
}

/** Who is on call in a test schedule at an instant. */
export type Roster = (at: Date) => readonly string[];

/**
 * A resolver for tests: `{user}` is that user, `{schedule}` asks the named roster (nobody when there is
 * none); every call is recorded so tests can check which instant a target was resolved at.
 */
export function contextOf(rosters: Record<string, Roster> = {}): EscalationContext & {
  calls: { target: Target; at: string }[];
} {
  const calls: { target: Target; at: string }[] = [];
  return {
    calls,
    resolveTargets(target, when) {
      calls.push({ target, at: when.toISOString() });
      if ('user' in target) return [target.user];
      return rosters[target.schedule]?.(when) ?? [];
    },
  };
}

/** Keeps only the effects of one type, typed. */
export function only<T extends EscalationEffect['type']>(
  effects: readonly EscalationEffect[],
  type: T,
): Extract<EscalationEffect, { type: T }>[] {
  return effects.filter((e): e is Extract<EscalationEffect, { type: T }> => e.type === type);
}

/** A short text per effect, so a test can compare a whole sequence at a glance. */
export function brief(effects: readonly EscalationEffect[]): string[] {
  return effects.map((e) => {
    const t = Math.round((Date.parse(e.at) - T0) / 1000);
    switch (e.type) {
      case 'page':
        return `${t} page ${e.pageKey} #${e.attempt}`;
      case 'nobody-on-call':
        return `${t} nobody ${e.level}:${e.loop}`;
      case 'escalated':
        return `${t} escalated ${e.fromLevel}->${e.toLevel} loop ${e.loop} (${e.reason})`;
      case 'stopped':
        return `${t} stopped ${e.reason}${e.by === undefined ? '' : ` by ${e.by}`}`;
      case 'restarted':
        return `${t} restarted from ${e.from}`;
      case 'new-run':
        return `${t} run ${e.run} from ${e.from}`;
      case 'failover':
        return `${t} failover`;
    }
  });
}

/**
 * Drives an escalation the way the app layer does: wakes at each `wakeAt` and steps, until nothing is
 * due or `untilSeconds` is passed. Returns every effect and the last result.
 */
export function runUntil(
  start: StepResult,
  policy: Policy,
  ctx: EscalationContext,
  untilSeconds: number,
): { effects: EscalationEffect[]; result: StepResult } {
  const effects = [...start.effects];
  let result = start;
  while (result.wakeAt !== null && result.wakeAt.getTime() <= at(untilSeconds).getTime()) {
    result = step(result.state, policy, result.wakeAt, ctx);
    effects.push(...result.effects);
  }
  return { effects, result };
}
