/** Where incidents are posted: per service, per team, and a default (the config's `slack.channels`). */
export interface SlackChannelMap {
  default?: string | undefined;
  services: Readonly<Record<string, string>>;
  teams: Readonly<Record<string, string>>;
}

/**
 * The channel an incident is posted to: its service's, else its team's, else the default; undefined
 * when none is set (the incident is not posted).
 */
export function slackChannelFor(map: SlackChannelMap, incident: { serviceId: string; teamId: string }): string | undefined {
  return map.services[incident.serviceId] ?? map.teams[incident.teamId] ?? map.default;
}
