import type { Role } from '../../../shared/schemas/user.js';

/** Everything a person can do to incidents, named as the console and API name them. */
export type IncidentAction =
  | 'acknowledge'
  | 'resolve'
  | 'dismiss'
  | 'set-priority'
  | 'assign-triage'
  | 'assign-forensic'
  | 'verdict'
  | 'see-confidential'
  | 'add-evidence'
  | 'page-person'
  | 'set-confidential'
  | 'manage-need-to-know'
  | 'snooze'
  | 'post-status-update';

const ALLOWED: Record<IncidentAction, readonly Role[]> = {
  acknowledge: ['admin', 'ir-manager', 'triage-analyst', 'forensic-analyst', 'responder'],
  resolve: ['admin', 'ir-manager', 'triage-analyst', 'forensic-analyst', 'responder'],
  dismiss: ['admin', 'ir-manager', 'triage-analyst'],
  'set-priority': ['admin', 'ir-manager'],
  'assign-triage': ['admin', 'ir-manager', 'triage-analyst'],
  'assign-forensic': ['admin', 'ir-manager'],
  verdict: ['admin', 'ir-manager', 'triage-analyst'],
  'see-confidential': ['admin', 'ir-manager'],
  'set-confidential': ['admin', 'ir-manager'],
  // Who may know a confidential incident is the managers' call.
  'manage-need-to-know': ['admin', 'ir-manager'],
  // Chain of custody: only the people who handle evidence record it.
  'add-evidence': ['admin', 'ir-manager', 'forensic-analyst'],
  'page-person': ['admin', 'ir-manager', 'triage-analyst', 'forensic-analyst', 'responder'],
  // Snoozing puts off paging: the people who own the response, not triage.
  snooze: ['admin', 'ir-manager', 'forensic-analyst', 'responder'],
  // What clients and stakeholders are told is the incident manager's word.
  'post-status-update': ['admin', 'ir-manager'],
};

/** Tells whether a role may take an action (the relay checks this for every command). */
export function can(role: Role, action: IncidentAction): boolean {
  return ALLOWED[action].includes(role);
}

/** The roles that may take an action, for error messages ("needs ir-manager or admin"). */
export function rolesFor(action: IncidentAction): readonly Role[] {
  return ALLOWED[action];
}
