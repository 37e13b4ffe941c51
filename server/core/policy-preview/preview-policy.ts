import type { Policy, StopOn, Target } from '../../../shared/schemas/policy.js';
import type { PolicyPreview, PreviewStep } from '../../../shared/schemas/policy-preview.js';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import { formatDuration } from '../../../shared/schemas/common.js';
import { startEscalation, step, type EscalationContext, type EscalationEffect, type PageEffect } from '../escalation/index.js';
import { onCallAt } from '../schedule/index.js';
import { createPreviewClock, type PreviewClock } from './preview-time.js';

/** What a preview needs to know besides the policy: the schedules it names and people's names. */
export interface PreviewDirectory {
  schedules: ReadonlyMap<string, Schedule>;
  userNames: ReadonlyMap<string, string>;
}

/** One call the engine made to the target resolver, kept to say why each person was paged. */
interface Resolution {
  target: Target;
  at: number;
  users: readonly string[];
  override: boolean;
}

/** How many engine calls a preview may make; far more than 20 passes of a long policy need. */
const MAX_STEPS = 2000;

const UNMET: Record<StopOn, string> = { read: 'unread', acknowledged: 'not acknowledged', resolved: 'not resolved' };
const UNTIL: Record<StopOn, string> = { read: 'read', acknowledged: 'the incident is acknowledged', resolved: 'the incident is resolved' };

/** Joins names as people write lists: "A", "A and B", "A, B and C". */
function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Runs the real escalation engine on `policy` for a high-priority incident opened at `now` that
 * nobody answers, with schedule targets resolved through the schedule core's `onCallAt` at each level
 * boundary, and returns what would happen as plain sentences in `timeZone` ("09:00 level 1 pages Ann
 * Example (NOC primary, on call)", "if unread by 09:05, level 2 pages …", "if unread by 09:35,
 * failover: e-mail to lead@example.com"). Pure: the same inputs give the same preview.
 */
export function previewPolicy(policy: Policy, now: Date, timeZone: string, directory: PreviewDirectory): PolicyPreview {
  const resolutions: Resolution[] = [];
  const ctx: EscalationContext = {
    resolveTargets(target, at) {
      if ('user' in target) {
        resolutions.push({ target, at: at.getTime(), users: [target.user], override: false });
        return [target.user];
      }
      const schedule = directory.schedules.get(target.schedule);
      const onCall = schedule ? onCallAt(schedule, at) : { users: [], override: false };
      resolutions.push({ target, at: at.getTime(), users: onCall.users, override: onCall.override });
      return onCall.users;
    },
  };

  let result = startEscalation(policy, { priority: 'high' }, now, ctx);
  const effects: EscalationEffect[] = [...result.effects];
  for (let calls = 0; result.state.status === 'running' && result.state.nextEscalationAt && calls < MAX_STEPS; calls += 1) {
    result = step(result.state, policy, new Date(result.state.nextEscalationAt), ctx);
    effects.push(...result.effects);
  }

  const seconds = policy.levels.some((level) => level.delay % 60 !== 0);
  const { clock, timeZone: zone } = createPreviewClock(now, timeZone, seconds);
  return {
    policyId: policy.id,
    at: now.toISOString(),
    timeZone: zone,
    steps: describeEffects(policy, effects, resolutions, directory, clock),
    repeatNote: `Unread pages are sent again every ${formatDuration(policy.repeatPageEvery)} until ${UNTIL.read}; the escalation stops once ${UNTIL[policy.stopOn]}.`,
  };
}

/** Turns the engine's effects, in order, into preview lines. */
function describeEffects(
  policy: Policy,
  effects: readonly EscalationEffect[],
  resolutions: readonly Resolution[],
  directory: PreviewDirectory,
  clock: PreviewClock,
): PreviewStep[] {
  const steps: PreviewStep[] = [];
  const name = (userId: string) => directory.userNames.get(userId) ?? userId;
  const scheduleName = (id: string) => directory.schedules.get(id)?.name ?? `${id} (no such schedule)`;
  const unmet = UNMET[policy.stopOn];
  const passes = policy.repeat + 1;
  let pending: { at: string; reason: string; loop: number; toLevel: number } | undefined;
  let group: PageEffect[] = [];

  const whyPaged = (page: PageEffect): string => {
    const targets = policy.levels[page.level]?.targets ?? [];
    const found = resolutions.find((r) => r.at === Date.parse(page.at) && targets.includes(r.target) && r.users.includes(page.userId));
    if (!found || 'user' in found.target) return name(page.userId);
    return `${name(page.userId)} (${scheduleName(found.target.schedule)}, on call${found.override ? ' by override' : ''})`;
  };
  const lead = (at: string, level: number, loop: number): string => {
    const when = clock.format(new Date(at));
    const again = loop > 0 && level === 0 ? 'starts over, ' : '';
    const pass = loop > 0 ? ` (pass ${loop + 1} of ${passes})` : '';
    if (pending && pending.at === at && pending.reason === 'timeout') return `if ${unmet} by ${when}, ${again}level ${level + 1}${pass}`;
    return `${when} ${again}level ${level + 1}${pass}`;
  };
  const flush = () => {
    const first = group[0];
    if (!first) return;
    const userIds = group.map((page) => page.userId);
    steps.push({
      at: first.at,
      kind: 'page',
      level: first.level,
      loop: first.loop,
      userIds,
      text: `${lead(first.at, first.level, first.loop)} pages ${listOf(group.map(whyPaged))}`,
    });
    group = [];
    pending = undefined;
  };

  for (const effect of effects) {
    if (effect.type === 'escalated') {
      flush();
      pending = { at: effect.at, reason: effect.reason, loop: effect.loop, toLevel: effect.toLevel };
    } else if (effect.type === 'page') {
      if (effect.attempt > 1) continue;
      if (group[0] && (group[0].at !== effect.at || group[0].level !== effect.level || group[0].loop !== effect.loop)) flush();
      group.push(effect);
    } else if (effect.type === 'nobody-on-call') {
      flush();
      const schedules = (policy.levels[effect.level]?.targets ?? []).flatMap((t) => ('schedule' in t ? [scheduleName(t.schedule)] : []));
      steps.push({
        at: effect.at,
        kind: 'nobody-on-call',
        level: effect.level,
        loop: effect.loop,
        userIds: [],
        text: `${lead(effect.at, effect.level, effect.loop)} has nobody on call${schedules.length ? ` in ${listOf(schedules)}` : ''}, so it moves on at once`,
      });
      pending = undefined;
    } else if (effect.type === 'failover') {
      flush();
      const when = clock.format(new Date(effect.at));
      const previous = steps.at(-1);
      const condition = previous && previous.at === effect.at ? `${when} then` : `if ${unmet} by ${when},`;
      const told = [
        ...(effect.emails.length ? [`e-mail to ${listOf(effect.emails)}`] : []),
        ...(effect.users.length ? [`tell ${listOf(effect.users.map(name))}`] : []),
      ];
      steps.push({
        at: effect.at,
        kind: 'failover',
        level: policy.levels.length - 1,
        loop: policy.repeat,
        userIds: [...effect.users],
        text: `${condition} failover: ${told.length ? told.join('; ') : 'nobody (this policy has no failover)'}`,
      });
    }
  }
  flush();
  return steps;
}
