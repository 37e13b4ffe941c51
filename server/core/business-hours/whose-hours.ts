import type { Client } from '../../../shared/schemas/client.js';
import type { Team } from '../../../shared/schemas/team.js';
import type { BusinessTeam } from './business-hours.js';

/** The business hours that decide when an incident is released, and whose they are. */
export interface WhoseHours {
  hours: BusinessTeam;
  owner: { kind: 'team' | 'client'; id: string; name: string };
}

/**
 * Picks the hours that hold an incident's medium/low priority: its client's own time zone, business
 * hours and holidays when the client gives both a time zone and business hours, else its team's.
 */
export function whoseHours(team: Pick<Team, 'id' | 'name'> & BusinessTeam, client?: Client): WhoseHours {
  if (client?.timeZone && client.businessHours) {
    return {
      hours: { timeZone: client.timeZone, businessHours: client.businessHours, holidays: client.holidays },
      owner: { kind: 'client', id: client.id, name: client.name },
    };
  }
  return {
    hours: { timeZone: team.timeZone, businessHours: team.businessHours, holidays: team.holidays },
    owner: { kind: 'team', id: team.id, name: team.name },
  };
}
