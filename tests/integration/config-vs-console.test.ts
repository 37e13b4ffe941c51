import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../shared/config/config-schema.js';
import type { AdminServiceRow, AdminTeamRow, AdminUserRow } from '../../shared/schemas/admin.js';
import type { ScheduleSummary } from '../../shared/schemas/calendar.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { writeTestConfig } from '../support/test-config.js';

// The one rule (docs/configuration.md): a console edit is kept across restarts while the file's
// entry for that object is unchanged; when the file's entry changes, the file wins.

/** The test config with an admin, `ada`; `edit` changes it further. */
const configWith = (edit: (doc: ConfigInput) => void = () => {}) =>
  writeTestConfig((doc) => {
    doc.users!.push({ id: 'ada', name: 'Ada Admin', email: 'ada@example.com', role: 'admin', password: 'change-me-ada', notify: [{ channel: 'push', after: '0s' }] });
    edit(doc);
  });

let relay: RelayProcess;
let dataDir: string | undefined;
let ada: ScheduleClient;

const start = async (config: string) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config }, ...(dataDir ? { dataDir } : {}) });
  dataDir ??= relay.dataDir;
  ada = await signInClient(relay.url, 'ada');
};
const restart = async (config: string) => {
  await relay.stop();
  await start(config);
};

/** What the relay shows now for each kind of object the rule covers. */
async function snapshot() {
  const [users, teams, services, policy, schedule] = await Promise.all([
    ada.call('GET', '/api/v1/admin/users'),
    ada.call('GET', '/api/v1/admin/teams'),
    ada.call('GET', '/api/v1/admin/services'),
    ada.call('GET', '/api/v1/policies/noc-default'),
    ada.call('GET', '/api/v1/schedules/noc-primary'),
  ]);
  const bob = (users.body as { users: AdminUserRow[] }).users.find((u) => u.user.id === 'bob')!;
  const noc = (teams.body as { teams: AdminTeamRow[] }).teams.find((t) => t.id === 'noc')!;
  const db = (services.body as { services: AdminServiceRow[] }).services.find((s) => s.id === 'db')!;
  const p = (policy.body as { policy: { name: string; configSource: string } }).policy;
  const s = schedule.body as ScheduleSummary;
  return {
    user: { role: bob.user.role, source: bob.configSource },
    team: { name: noc.name, source: noc.configSource },
    service: { name: db.name, source: db.configSource },
    rules: { rules: db.priorityRules, source: db.rulesSource },
    policy: { name: p.name, source: p.configSource },
    schedule: { name: s.schedule.name, origin: s.origin },
  };
}

beforeAll(async () => {
  await start(configWith());
}, 60_000);
afterAll(async () => {
  await relay?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('config file versus console edits, across a real restart', () => {
  it('starts with every declared object from the file', async () => {
    expect(await snapshot()).toEqual({
      user: { role: 'triage-analyst', source: 'file' },
      team: { name: 'Network Operations', source: 'file' },
      service: { name: 'Databases', source: 'file' },
      rules: { rules: [{ priority: 'high' }], source: 'file' },
      policy: { name: 'NOC default', source: 'file' },
      schedule: { name: 'NOC primary', origin: 'config' },
    });
  });

  it('keeps console edits of a user, team, service, priority rules, policy and schedule over a restart with the same file', async () => {
    expect((await ada.call('PATCH', '/api/v1/users/bob', { role: 'responder' })).status).toBe(200);
    const team = (await ada.call('GET', '/api/v1/admin/teams')).body as { teams: AdminTeamRow[] };
    const { id: _id, configSource: _source, ...noc } = team.teams.find((t) => t.id === 'noc')!;
    expect((await ada.call('PUT', '/api/v1/teams/noc', { ...noc, name: 'NOC (console)' })).status).toBe(200);
    expect((await ada.call('PUT', '/api/v1/services/db', { name: 'Databases (console)', team: 'noc', policy: 'noc-default', pageMediumNow: false })).status).toBe(200);
    expect((await ada.call('PUT', '/api/v1/services/db/priority-rules', { rules: [{ when: { severity: ['info'] }, priority: 'low' }] })).status).toBe(200);
    const { policy } = (await ada.call('GET', '/api/v1/policies/noc-default')).body as { policy: Record<string, unknown> };
    const { managedByConfig: _m, configSource: _c, ...plain } = policy;
    expect((await ada.call('PUT', '/api/v1/policies/noc-default', { ...plain, name: 'NOC default (console)' })).status).toBe(200);
    const schedule = ((await ada.call('GET', '/api/v1/schedules/noc-primary')).body as ScheduleSummary).schedule;
    expect((await ada.call('PUT', '/api/v1/schedules/noc-primary', { ...schedule, name: 'NOC primary (console)' })).status).toBe(200);

    const edited = {
      user: { role: 'responder', source: 'edited' },
      team: { name: 'NOC (console)', source: 'edited' },
      service: { name: 'Databases (console)', source: 'edited' },
      rules: { rules: [{ when: { severity: ['info'] }, priority: 'low' }], source: 'edited' },
      policy: { name: 'NOC default (console)', source: 'edited' },
      schedule: { name: 'NOC primary (console)', origin: 'console' },
    };
    expect(await snapshot()).toEqual(edited);
    await restart(configWith());
    expect(await snapshot()).toEqual(edited);
  }, 90_000);

  it('lets the file win for each object whose entry changed, and says so in the audit trail', async () => {
    await restart(configWith((doc) => {
      doc.users!.find((u) => u.id === 'bob')!.name = 'Bob From File';
      doc.teams![0]!.name = 'NOC (file)';
      const db = doc.services!.find((s) => s.id === 'db')!;
      db.name = 'Databases (file)';
      db.priorityRules = [{ priority: 'medium' }];
      doc.policies![0]!.name = 'NOC default (file)';
      doc.schedules![0]!.name = 'NOC primary (file)';
    }));
    expect(await snapshot()).toEqual({
      user: { role: 'triage-analyst', source: 'file' },
      team: { name: 'NOC (file)', source: 'file' },
      service: { name: 'Databases (file)', source: 'file' },
      rules: { rules: [{ priority: 'medium' }], source: 'file' },
      policy: { name: 'NOC default (file)', source: 'file' },
      schedule: { name: 'NOC primary (file)', origin: 'config' },
    });
    const audit = (await ada.call('GET', '/api/v1/audit?action=config.applied')).body as { events: { details: { replacedConsoleEdits?: string[] } }[] };
    expect(audit.events[0]!.details.replacedConsoleEdits?.sort()).toEqual(['policies:noc-default', 'priority-rules:db', 'services:db', 'teams:noc', 'users:bob']);
  }, 90_000);

  it('keeps a console-made team, untouched by the file, over a restart', async () => {
    const team = { id: 'soc', name: 'Security Operations', timeZone: 'Europe/London', businessHours: { days: ['mon', 'tue'], start: '08:00', end: '18:00' }, holidays: ['2026-12-25'], members: ['ann'] };
    expect((await ada.call('POST', '/api/v1/teams', team)).status).toBe(201);
    await restart(configWith());
    const teams = ((await ada.call('GET', '/api/v1/admin/teams')).body as { teams: AdminTeamRow[] }).teams;
    expect(teams.find((t) => t.id === 'soc')).toMatchObject({ name: 'Security Operations', configSource: 'console' });
  }, 60_000);

  it('takes a team whose business hours run overnight, as the config file does', async () => {
    const team = { id: 'night-noc', name: 'Night NOC', timeZone: 'Europe/London', businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '22:00', end: '06:00' }, holidays: [], members: ['dan'] };
    expect((await ada.call('POST', '/api/v1/teams', team)).status).toBe(201);
    const teams = ((await ada.call('GET', '/api/v1/admin/teams')).body as { teams: AdminTeamRow[] }).teams;
    expect(teams.find((t) => t.id === 'night-noc')).toMatchObject({ businessHours: { start: '22:00', end: '06:00' } });
  });

  it('refuses people who are not admins, and names the wrong field', async () => {
    const ann = await signInClient(relay.url, 'ann');
    expect((await ann.call('PUT', '/api/v1/teams/noc', { name: 'x' })).status).toBe(403);
    expect((await ann.call('POST', '/api/v1/users', { id: 'eve', name: 'Eve', email: 'eve@example.com', role: 'admin' })).status).toBe(403);
    expect((await ann.call('PUT', '/api/v1/services/db/priority-rules', { rules: [] })).status).toBe(403);
    expect((await ann.call('GET', '/api/v1/admin/users')).status).toBe(403);

    const badZone = await ada.call('POST', '/api/v1/teams', { id: 'x1', name: 'X', timeZone: 'Mars/Olympus', businessHours: { days: ['mon'], start: '09:00', end: '17:00' } });
    expect(badZone).toMatchObject({ status: 400, body: { field: 'timeZone' } });
    const huge = await ada.call('PUT', '/api/v1/services/db', { name: 'n'.repeat(10_000), team: 'noc', policy: 'noc-default' });
    expect(huge).toMatchObject({ status: 400, body: { field: 'name' } });
    const badRule = await ada.call('PUT', '/api/v1/services/db/priority-rules', { rules: [{ priority: 'urgent' }] });
    expect(badRule).toMatchObject({ status: 400, body: { field: 'rules.0.priority' } });
    const tooMany = await ada.call('PUT', '/api/v1/services/db/priority-rules', { rules: Array.from({ length: 101 }, () => ({ priority: 'low' })) });
    expect(tooMany).toMatchObject({ status: 400, body: { field: 'rules' } });
    const unknownTeam = await ada.call('POST', '/api/v1/services', { id: 'web', name: 'Web', team: 'nope', policy: 'noc-default' });
    expect(unknownTeam).toMatchObject({ status: 400, body: { field: 'team' } });
    const takenEmail = await ada.call('POST', '/api/v1/users', { id: 'ann2', name: 'Ann Two', email: 'ann@example.com', role: 'responder' });
    expect(takenEmail).toMatchObject({ status: 409, body: { field: 'email' } });
  }, 60_000);

  it('invites a person with a one-time password that signs in, and a reset replaces it', async () => {
    const created = await ada.call('POST', '/api/v1/users', { id: 'eve', name: 'Eve New', email: 'eve@example.com', role: 'responder' });
    expect(created.status).toBe(201);
    const { password } = created.body as { password: string };
    const eve = await signInClient(relay.url, 'eve', password);
    const reset = await ada.call('POST', '/api/v1/users/eve/reset-password');
    expect(reset.status).toBe(200);
    expect((await eve.call('GET', '/api/v1/me')).status).toBe(401);
    await signInClient(relay.url, 'eve', (reset.body as { password: string }).password);
    await expect(signInClient(relay.url, 'eve', password)).rejects.toThrow('HTTP 401');
  }, 60_000);

  it('adds an integration whose key is answered once and takes a test alert; previews rules on it', async () => {
    const added = await ada.call('POST', '/api/v1/services/db/integrations', { type: 'webhook', mapping: { summary: '$.title' } });
    expect(added.status).toBe(201);
    const { key, endpoint } = added.body as { key: string; endpoint: string };
    expect(endpoint).toBe(`/integrations/webhook/${key}`);
    const services = JSON.stringify((await ada.call('GET', '/api/v1/admin/services')).body);
    expect(services).not.toContain(key);
    const test = await ada.call('POST', '/api/v1/services/db/test-alert', { summary: 'Admin test', severity: 'warning' });
    expect(test).toMatchObject({ status: 202, body: { outcome: 'opened' } });
    const preview = await ada.call('POST', '/api/v1/services/db/priority-rules/preview', { rules: [{ when: { summary: 'Admin' }, priority: 'high' }] });
    expect(preview.status).toBe(200);
    const body = preview.body as { incidents: { summary: string; current: string; proposed: string }[]; changed: number };
    expect(body.incidents.find((i) => i.summary === 'Admin test')).toMatchObject({ proposed: 'high' });
  }, 60_000);
});
