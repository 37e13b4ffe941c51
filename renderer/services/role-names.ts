import type { Role } from '../../shared/schemas/user.js';

/** How the console names each role. */
export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Admin',
  'ir-manager': 'IR manager',
  'triage-analyst': 'Triage analyst',
  'forensic-analyst': 'Forensic analyst',
  'threat-researcher': 'Threat researcher',
  responder: 'Responder',
};
