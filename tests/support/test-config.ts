import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { ConfigInput } from '../../shared/config/config-schema.js';

/** Keys of the test config's integrations (the example's, plus a second service's). */
export const KEYS = {
  eventsV2: '0123456789abcdef0123456789abcdef',
  eventsV2Other: 'fedcba9876543210fedcba9876543210',
  alertmanager: 'am-rmm-1',
  grafana: 'gf-rmm-1',
  grafanaSigned: 'gf-db-signed',
  connectwise: 'cw-rmm-1',
  email: 'rmm-mail',
  webhook: 'wh-rmm-1',
} as const;

/** The shared secret of the signed Grafana integration. */
export const GRAFANA_SECRET = 'grafana-shared-secret-1';

/**
 * Writes a config file for integration tests: the documented example plus a `db` service with its
 * own Events v2 key and a signed Grafana integration; `edit` may change the parsed document first.
 * Returns the file path.
 */
export function writeTestConfig(edit: (doc: ConfigInput) => void = () => {}): string {
  const example = readFileSync(new URL('../../shared/config/klaxon.example.yaml', import.meta.url), 'utf8');
  const doc = parse(example) as ConfigInput;
  (doc.services ??= []).push({
    id: 'db',
    name: 'Databases',
    team: 'noc',
    policy: 'noc-default',
    integrations: [
      { type: 'events-v2', key: KEYS.eventsV2Other },
      { type: 'grafana', key: KEYS.grafanaSigned, hmacSecret: GRAFANA_SECRET },
    ],
    priorityRules: [{ priority: 'high' }],
  });
  edit(doc);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'klaxon-config-')), 'klaxon.yaml');
  writeFileSync(file, stringify(doc));
  return file;
}

/** The lead who gets the failover e-mail of `fastEscalationPolicy`. */
export const LEAD_EMAIL = 'lead@example.com';

/**
 * Edits a parsed test config for escalation tests: the example policy `noc-default` becomes a fast
 * one — level 1 pages bob, level 2 pages cara, after `delays` (e.g. `['2s', '2s']`), stop on read, no
 * second pass, failover e-mail to the lead — and bob and cara are paged on push only.
 */
export function fastEscalationPolicy(doc: ConfigInput, delays: [string, string] = ['2s', '2s']): void {
  const policy = doc.policies?.find((p) => p.id === 'noc-default');
  if (!policy) throw new Error('the example config has no noc-default policy');
  Object.assign(policy, {
    stopOn: 'read',
    repeat: 0,
    repeatPageEvery: '60s',
    levels: [
      { delay: delays[0], targets: [{ user: 'bob' }] },
      { delay: delays[1], targets: [{ user: 'cara' }] },
    ],
    failover: { email: [LEAD_EMAIL], users: [] },
  } satisfies Partial<typeof policy>);
  for (const user of doc.users ?? []) {
    if (user.id === 'bob' || user.id === 'cara') user.notify = [{ channel: 'push', after: '0s' }];
  }
}
