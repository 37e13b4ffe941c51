import type { PostmortemQuestions, PostmortemState } from '../../../shared/schemas/postmortem.js';
import type { Role } from '../../../shared/schemas/user.js';

/** The roles that may write post-mortems of incidents they may see (every console role). */
const EDITORS: readonly Role[] = ['admin', 'ir-manager', 'triage-analyst', 'forensic-analyst', 'threat-researcher', 'responder'];
/** The roles that sign post-mortems off and move signed-off ones back to draft. */
const SIGNERS: readonly Role[] = ['admin', 'ir-manager'];

/** Tells whether a role may write post-mortems (edit fields, comment, submit for review). */
export function mayEditPostmortems(role: Role): boolean {
  return EDITORS.includes(role);
}

/** Tells whether a role may sign a post-mortem off (IR managers and admins). */
export function maySignOff(role: Role): boolean {
  return SIGNERS.includes(role);
}

/** The questions of the three that have no answer yet, named as the API names them. */
export function unansweredQuestions(questions: PostmortemQuestions): string[] {
  const missing: string[] = [];
  if (questions.trigger === null) missing.push('questions.trigger');
  if (questions.delivery.answer === null) missing.push('questions.delivery.answer');
  if (questions.information.enough === null) missing.push('questions.information.enough');
  return missing;
}

/** Why a transition is refused: who may not, or what state or answer stands in the way. */
export type TransitionRefusal = { code: 'forbidden' | 'conflict'; message: string; field?: string };

/**
 * Tells why a post-mortem may not move from `from` to `to`, or undefined when it may: draft (or
 * due) → in review for anyone who may edit; in review → draft (sent back) for anyone who may edit;
 * in review → signed off for IR managers and admins once the three questions are answered; signed
 * off → draft only for IR managers and admins.
 */
export function transitionRefusal(
  from: PostmortemState,
  to: 'draft' | 'in_review' | 'signed_off',
  role: Role,
  questions: PostmortemQuestions,
): TransitionRefusal | undefined {
  if (!mayEditPostmortems(role)) return { code: 'forbidden', message: `writing post-mortems needs a console role; you are ${role}` };
  if (to === 'signed_off' || from === 'signed_off') {
    if (!maySignOff(role)) {
      const what = to === 'signed_off' ? 'signing a post-mortem off' : 'reopening a signed-off post-mortem';
      return { code: 'forbidden', message: `${what} needs the role ir-manager or admin; you are ${role}` };
    }
  }
  const allowed =
    (to === 'in_review' && (from === 'due' || from === 'draft')) ||
    (to === 'draft' && (from === 'in_review' || from === 'signed_off')) ||
    (to === 'signed_off' && from === 'in_review');
  if (!allowed) return { code: 'conflict', message: `to: a post-mortem cannot move from ${from} to ${to}`, field: 'to' };
  if (to === 'signed_off') {
    const missing = unansweredQuestions(questions);
    if (missing.length) return { code: 'conflict', message: `unanswered before sign-off: ${missing.join(', ')}`, field: missing[0]! };
  }
  return undefined;
}
