import { formatDuration } from '../../shared/schemas/common.js';
import { PolicySchema, type Policy, type StopOn } from '../../shared/schemas/policy.js';

/** One target as the editor holds it: a kind and an id (empty until chosen). */
export interface DraftTarget {
  kind: 'user' | 'schedule';
  id: string;
}

/** One level as the editor holds it: the delay as typed ("5m") and its targets. */
export interface DraftLevel {
  delay: string;
  targets: DraftTarget[];
}

/** A policy as the editor holds it while someone changes it: durations as text, lists as text. */
export interface PolicyDraft {
  id: string;
  name: string;
  team: string;
  stopOn: StopOn;
  repeat: number;
  repeatPageEvery: string;
  levels: DraftLevel[];
  /** Failover e-mail addresses, separated by commas, spaces or new lines. */
  failoverEmails: string;
  failoverUsers: string[];
}

/** The draft a new policy starts from: one level of five minutes with no target chosen yet. */
export function emptyDraft(): PolicyDraft {
  return {
    id: '',
    name: '',
    team: '',
    stopOn: 'acknowledged',
    repeat: 0,
    repeatPageEvery: '1m',
    levels: [{ delay: '5m', targets: [{ kind: 'user', id: '' }] }],
    failoverEmails: '',
    failoverUsers: [],
  };
}

/** Turns a saved policy into an editable draft. */
export function toDraft(policy: Policy): PolicyDraft {
  return {
    id: policy.id,
    name: policy.name,
    team: policy.team ?? '',
    stopOn: policy.stopOn,
    repeat: policy.repeat,
    repeatPageEvery: formatDuration(policy.repeatPageEvery),
    levels: policy.levels.map((level) => ({
      delay: formatDuration(level.delay),
      targets: level.targets.map((t): DraftTarget => ('user' in t ? { kind: 'user', id: t.user } : { kind: 'schedule', id: t.schedule })),
    })),
    failoverEmails: policy.failover.email.join(', '),
    failoverUsers: [...policy.failover.users],
  };
}

/** Turns a draft into the JSON body the relay checks with `PolicySchema` (durations stay text). */
export function toPolicyInput(draft: PolicyDraft): Record<string, unknown> {
  return {
    id: draft.id.trim(),
    name: draft.name.trim(),
    ...(draft.team ? { team: draft.team } : {}),
    stopOn: draft.stopOn,
    repeat: draft.repeat,
    repeatPageEvery: draft.repeatPageEvery.trim(),
    levels: draft.levels.map((level) => ({
      delay: level.delay.trim(),
      targets: level.targets.map((t) => (t.kind === 'user' ? { user: t.id } : { schedule: t.id })),
    })),
    failover: {
      email: draft.failoverEmails.split(/[\s,;]+/).filter(Boolean),
      users: [...draft.failoverUsers],
    },
  };
}

/** What checking a draft with the shared schema gives: the policy, or the problems by field path. */
export type DraftCheck = { ok: true; policy: Policy } | { ok: false; errors: Record<string, string> };

/** Checks a draft with the shared `PolicySchema`, collecting one message per field path. */
export function checkDraft(draft: PolicyDraft): DraftCheck {
  const parsed = PolicySchema.safeParse(toPolicyInput(draft));
  if (parsed.success) return { ok: true, policy: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || 'policy';
    errors[path] ??= issue.message;
  }
  return { ok: false, errors };
}
