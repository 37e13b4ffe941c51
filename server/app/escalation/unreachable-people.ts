import type { Channel } from '../../../shared/schemas/user.js';
import type { Store } from '../ports/store.js';
import { createReachability } from './reachability.js';

/** A person someone may page who has no way to be reached, with why for each of their channels. */
export interface UnreachablePerson {
  userId: string;
  name: string;
  /** One reason per notify channel of the person, e.g. "push: bob has no paired phone …". */
  reasons: string[];
}

/** What the check needs: the store, and which outbound servers this relay has. */
export interface UnreachableCheckDeps {
  store: Pick<Store, 'listSchedules' | 'listPolicies' | 'listUsers' | 'listDevices' | 'listPushSubscriptions' | 'getContacts'>;
  mailConfigured: boolean;
  pushoverConfigured: boolean;
  /** Whether a person has linked a Slack account (absent: Slack is not set up on this relay). */
  slackLinked?: (userId: string) => Promise<boolean>;
  /** Whether a Twilio-compatible SMS/voice provider is set up (`channels.twilio` in the config file). */
  twilioConfigured?: boolean;
}

/**
 * Lists the people escalations may page — everyone in a schedule's rotations or overrides, and every
 * person an escalation policy names as a target or failover recipient — for whom every notify
 * channel is a dead end: no paired phone or push subscription, no mail server, no contact set up.
 * A page to them would fail at once; the relay warns at start and the console can show the list.
 */
export async function findUnreachablePeople(deps: UnreachableCheckDeps): Promise<UnreachablePerson[]> {
  const { store } = deps;
  const [schedules, policies, users] = await Promise.all([store.listSchedules(), store.listPolicies(), store.listUsers()]);
  const paged = new Set<string>();
  for (const schedule of schedules) {
    for (const layer of schedule.layers) layer.rotation.participants.forEach((id) => paged.add(id));
    for (const override of schedule.overrides) paged.add(override.user);
  }
  for (const policy of policies) {
    for (const level of policy.levels) for (const target of level.targets) if ('user' in target) paged.add(target.user);
    policy.failover.users.forEach((id) => paged.add(id));
  }
  const reachability = createReachability(store);
  const unreachable: UnreachablePerson[] = [];
  for (const user of users) {
    if (!paged.has(user.id)) continue;
    const channels: Channel[] = user.notify.length ? [...new Set(user.notify.map((r) => r.channel))] : ['push'];
    const contacts = (await store.getContacts(user.id)) ?? {};
    const reasons: string[] = [];
    for (const channel of channels) {
      const why = await reasonFor(channel);
      if (why === null) break;
      reasons.push(`${channel}: ${why}`);
    }
    if (reasons.length === channels.length) unreachable.push({ userId: user.id, name: user.name, reasons });

    async function reasonFor(channel: Channel): Promise<string | null> {
      switch (channel) {
        case 'push':
          return reachability(user.id, 'push');
        case 'email':
          return deps.mailConfigured ? null : 'no outbound mail server (KLAXON_MAIL_URL)';
        case 'pushover':
          if (!deps.pushoverConfigured) return 'Pushover is not set up on this relay (KLAXON_PUSHOVER_TOKEN)';
          return contacts.pushover ? null : 'no Pushover user key';
        case 'ntfy':
          return contacts.ntfy ? null : 'no ntfy topic';
        case 'webhook':
          return contacts.webhook ? null : 'no webhook URL';
        case 'slack':
          if (!deps.slackLinked) return 'Slack is not set up on this relay';
          return (await deps.slackLinked(user.id)) ? null : 'no linked Slack account';
        case 'sms':
        case 'voice':
          if (!deps.twilioConfigured) return 'SMS and voice are not set up on this relay (channels.twilio)';
          return contacts.phone ? null : 'no phone number';
      }
    }
  }
  return unreachable;
}
