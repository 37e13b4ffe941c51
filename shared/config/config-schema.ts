import { z } from 'zod';
import { ClientSchema } from '../schemas/client.js';
import { ContactsSchema } from '../schemas/contact.js';
import { PolicySchema } from '../schemas/policy.js';
import { ScheduleSchema } from '../schemas/schedule.js';
import { ServiceSchema } from '../schemas/service.js';
import { TeamSchema } from '../schemas/team.js';
import { checkConnectWiseConfig, ConnectWiseConnectionConfigSchema } from '../schemas/connectwise.js';
import { MicrosoftTeamsConfigSchema } from '../schemas/msteams.js';
import { NotifyRuleSchema, UserSchema } from '../schemas/user.js';
import { clientReferenceIssues } from './client-references.js';
import { checkPostmortemConfig, PostmortemsConfigSchema } from './postmortem-config.js';
import { MaintenanceWindowConfigSchema } from '../schemas/maintenance.js';
import { IntelConfigSchema } from './intel-config.js';
import { AuthConfigSchema } from './oidc-config.js';
import { checkSlackConfig, SlackConfigSchema } from './slack-config.js';
import { ChannelsConfigSchema } from './twilio-config.js';

/** A person as a config file declares them: a password (hashed on load) or a ready scrypt hash. */
export const UserConfigSchema = UserSchema.extend({
  password: z.string().min(8, 'use at least 8 characters').max(1024).optional(),
  passwordHash: z.string().startsWith('scrypt$', 'use a hash as Klaxon writes it ("scrypt$…")').optional(),
  notify: z.array(NotifyRuleSchema).default([{ channel: 'push', after: 0 }]),
  /** ntfy, Pushover and webhook contacts; when given, they replace the ones set in the console at each start. */
  contacts: ContactsSchema.optional(),
}).refine((u) => !(u.password && u.passwordHash), {
  message: 'give password or passwordHash, not both',
  path: ['passwordHash'],
});
export type UserConfig = z.infer<typeof UserConfigSchema>;

const ConfigShapeSchema = z.object({
  version: z.literal(1),
  users: z.array(UserConfigSchema).default([]),
  teams: z.array(TeamSchema).default([]),
  schedules: z.array(ScheduleSchema).default([]),
  policies: z.array(PolicySchema).default([]),
  services: z.array(ServiceSchema).default([]),
  /** The MSP's clients, each with its contacts, hours, services and business map. */
  clients: z.array(ClientSchema).default([]),
  /** ConnectWise Manage connections (outbound tickets and notes); keys come from environment variables. */
  connectwise: z.array(ConnectWiseConnectionConfigSchema).optional(),
  /** The rules that ask for a post-mortem when an incident resolves (see docs/postmortems.md). */
  postmortems: PostmortemsConfigSchema.optional(),
  /** Maintenance windows: alerts they cover are stored but do not page until the window ends. */
  maintenance: z.array(MaintenanceWindowConfigSchema).optional(),
  /** Threat intelligence: the rules that raise the priority of incidents matching an indicator (docs/intel.md). */
  intel: IntelConfigSchema.optional(),
  /** Sign-in: OpenID Connect single sign-on (see docs/sso.md). */
  auth: AuthConfigSchema.optional(),
  /** Slack: incidents posted per service/team, buttons, direct-message pages (see docs/channels.md). */
  slack: SlackConfigSchema.optional(),
  /** Outbound channels with relay-wide settings: SMS and voice through Twilio (see docs/channels.md). */
  channels: ChannelsConfigSchema.optional(),
  /** Microsoft Teams channels that incidents and status updates are posted to (docs/channels.md). */
  microsoftTeams: MicrosoftTeamsConfigSchema.optional(),
});

type ConfigShape = z.infer<typeof ConfigShapeSchema>;

/** Reports every id used twice within a list, and every reference to an id that is not declared. */
function checkReferences(config: ConfigShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const ids = <T extends { id: string }>(list: T[], name: keyof ConfigShape) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id)) issue([name, i, 'id'], `"${item.id}" is declared twice`);
      seen.add(item.id);
    });
    return seen;
  };
  const users = ids(config.users, 'users');
  const teams = ids(config.teams, 'teams');
  const schedules = ids(config.schedules, 'schedules');
  const policies = ids(config.policies, 'policies');
  const services = ids(config.services, 'services');
  const clients = ids(config.clients, 'clients');
  checkConnectWiseConfig(config.connectwise ?? [], services, issue);
  const teamsChannels = new Set<string>();
  (config.microsoftTeams?.channels ?? []).forEach((c, i) => {
    const path = ['microsoftTeams', 'channels', i];
    if (teamsChannels.has(c.id)) issue([...path, 'id'], `"${c.id}" is declared twice`);
    teamsChannels.add(c.id);
    c.services.forEach((id, j) => !services.has(id) && issue([...path, 'services', j], `unknown service "${id}"`));
    c.clients.forEach((id, j) => !clients.has(id) && issue([...path, 'clients', j], `unknown client "${id}"`));
  });
  checkPostmortemConfig(config.postmortems, { teams, services }, issue);
  checkSlackConfig(config.slack, { teams, services }, issue);
  const need = (set: Set<string>, id: string | undefined, path: (string | number)[], what: string) => {
    if (id !== undefined && !set.has(id)) issue(path, `unknown ${what} "${id}"`);
  };

  config.teams.forEach((t, i) => t.members.forEach((m, j) => need(users, m, ['teams', i, 'members', j], 'user')));
  config.schedules.forEach((s, i) => {
    need(teams, s.team, ['schedules', i, 'team'], 'team');
    need(users, s.owner, ['schedules', i, 'owner'], 'user');
    s.layers.forEach((l, j) =>
      l.rotation.participants.forEach((p, k) =>
        need(users, p, ['schedules', i, 'layers', j, 'rotation', 'participants', k], 'user'),
      ),
    );
    s.overrides.forEach((o, j) => {
      need(users, o.user, ['schedules', i, 'overrides', j, 'user'], 'user');
      need(users, o.replaces, ['schedules', i, 'overrides', j, 'replaces'], 'user');
    });
  });
  config.policies.forEach((p, i) => {
    need(teams, p.team, ['policies', i, 'team'], 'team');
    p.levels.forEach((l, j) =>
      l.targets.forEach((t, k) => {
        const path = ['policies', i, 'levels', j, 'targets', k];
        if ('user' in t) need(users, t.user, [...path, 'user'], 'user');
        else need(schedules, t.schedule, [...path, 'schedule'], 'schedule');
      }),
    );
    p.failover.users.forEach((u, j) => need(users, u, ['policies', i, 'failover', 'users', j], 'user'));
  });
  const keys = new Set<string>();
  config.services.forEach((s, i) => {
    need(teams, s.team, ['services', i, 'team'], 'team');
    need(policies, s.policy, ['services', i, 'policy'], 'policy');
    s.integrations.forEach((integration, j) => {
      const path = ['services', i, 'integrations', j];
      if (keys.has(integration.key)) issue([...path, 'key'], 'this key is used by another integration');
      keys.add(integration.key);
      if (integration.type === 'webhook' && !integration.mapping) {
        issue([...path, 'mapping'], 'a webhook integration needs a mapping (at least "summary")');
      }
      if (integration.type === 'heartbeat' && integration.interval === undefined) {
        issue([...path, 'interval'], 'a heartbeat integration needs an interval (how often its agent pings, e.g. "5m")');
      }
    });
  });
  // A service belongs to the first client that lists it; a later one listing it too is refused.
  const owners = new Map<string, string>();
  config.clients.forEach((client, i) => {
    for (const found of clientReferenceIssues(client, services, (serviceId) => owners.get(serviceId))) issue(['clients', i, ...found.path], found.message);
    for (const serviceId of client.services) if (!owners.has(serviceId)) owners.set(serviceId, client.id);
  });
  // Maintenance windows name declared services and clients.
  ids(config.maintenance ?? [], 'maintenance');
  const clientIds = new Set(config.clients.map((c) => c.id));
  (config.maintenance ?? []).forEach((w, i) => {
    w.match.services.forEach((s, j) => need(services, s, ['maintenance', i, 'match', 'services', j], 'service'));
    w.match.clients.forEach((c, j) => need(clientIds, c, ['maintenance', i, 'match', 'clients', j], 'client'));
  });
}

/**
 * The Klaxon config file (YAML or JSON), version 1: users, teams, schedules, policies, services and
 * clients, with every cross-reference checked.
 */
export const ConfigSchema = ConfigShapeSchema.superRefine(checkReferences);
export type Config = z.infer<typeof ConfigSchema>;
/** The config as people write it (durations as text, defaults not yet filled in). */
export type ConfigInput = z.input<typeof ConfigSchema>;
