import type { Incident } from '../../../shared/schemas/incident.js';
import type { TeamsChannelConfig } from '../../../shared/schemas/msteams.js';
import { reachesPriority } from '../../../shared/schemas/connectwise.js';

/** A configured Teams channel whose webhook URL was found in the environment. */
export interface TeamsChannel extends TeamsChannelConfig {
  webhookUrl: string;
}

/** The Teams channels the relay posts to, and those it cannot (their variable is not set). */
export interface TeamsChannels {
  readonly usable: readonly TeamsChannel[];
  /** Channel ids whose `webhookUrlEnv` is unset or empty: they are named in a start-up warning. */
  readonly missing: readonly string[];
  /** The channels an incident change is posted to (its service or client, at or above their priority). */
  forIncident(incident: Pick<Incident, 'serviceId' | 'clientId' | 'priority'>): TeamsChannel[];
  /** The channels a status update on this incident is posted to (same match, any priority). */
  forStatus(incident: Pick<Incident, 'serviceId' | 'clientId'>): TeamsChannel[];
  byId(id: string): TeamsChannel | undefined;
}

const follows = (c: TeamsChannelConfig, incident: Pick<Incident, 'serviceId' | 'clientId'>) =>
  (c.services.length === 0 && c.clients.length === 0) ||
  c.services.includes(incident.serviceId) ||
  (!!incident.clientId && c.clients.includes(incident.clientId));

/** Reads each channel's webhook URL from `env`; the URLs never leave this object except to be posted to. */
export function createTeamsChannels(config: readonly TeamsChannelConfig[], env: Record<string, string | undefined>): TeamsChannels {
  const usable: TeamsChannel[] = [];
  const missing: string[] = [];
  for (const c of config) {
    const url = env[c.webhookUrlEnv]?.trim();
    if (url) usable.push({ ...c, webhookUrl: url });
    else missing.push(c.id);
  }
  return {
    usable,
    missing,
    forIncident: (incident) => usable.filter((c) => follows(c, incident) && reachesPriority(incident.priority, c.fromPriority)),
    forStatus: (incident) => usable.filter((c) => c.statusUpdates && follows(c, incident)),
    byId: (id) => usable.find((c) => c.id === id),
  };
}
