import { expect, it } from 'vitest';
import type { ContractContext } from './context.js';
import { at, makeIntegration, makePolicy, makeSchedule, makeService, makeTeam, makeUser } from './fixtures.js';

/** Teams, schedules, policies, services and integrations. */
export function configContract(ctx: ContractContext): void {
  it('round-trips teams and replaces one on upsert', async () => {
    const team = makeTeam();
    await ctx.store.upsertTeam(team);
    expect(await ctx.store.getTeam('noc')).toEqual(team);
    const changed = makeTeam({ name: 'NOC', holidays: [], members: ['carol'] });
    await ctx.store.upsertTeam(changed);
    await ctx.store.upsertTeam(makeTeam({ id: 'forensics' }));
    expect(await ctx.store.getTeam('noc')).toEqual(changed);
    expect(await ctx.store.listTeams()).toEqual([makeTeam({ id: 'forensics' }), changed]);
    expect(await ctx.store.getTeam('nope')).toBeUndefined();
  });

  it('round-trips schedules and replaces one on upsert', async () => {
    const schedule = makeSchedule();
    await ctx.store.upsertSchedule(schedule);
    expect(await ctx.store.getSchedule('noc-primary')).toEqual(schedule);
    const changed = makeSchedule({ team: 'forensics', overrides: [] });
    await ctx.store.upsertSchedule(changed);
    expect(await ctx.store.getSchedule('noc-primary')).toEqual(changed);
    expect(await ctx.store.listSchedules()).toEqual([changed]);
    expect(await ctx.store.getSchedule('nope')).toBeUndefined();
  });

  it('round-trips policies (with and without a team) and replaces one on upsert', async () => {
    const policy = makePolicy();
    const { team: _team, ...teamless } = makePolicy({ id: 'global' });
    await ctx.store.upsertPolicy(policy);
    await ctx.store.upsertPolicy(teamless);
    expect(await ctx.store.getPolicy('noc-default')).toEqual(policy);
    expect(await ctx.store.getPolicy('global')).toEqual(teamless);
    const changed = makePolicy({ stopOn: 'resolved', levels: [{ delay: 60, targets: [{ user: 'bob' }] }] });
    await ctx.store.upsertPolicy(changed);
    expect(await ctx.store.listPolicies()).toEqual([teamless, changed]);
    expect(await ctx.store.getPolicy('nope')).toBeUndefined();
  });

  it('round-trips services and replaces one on upsert', async () => {
    const service = makeService();
    await ctx.store.upsertService(service);
    expect(await ctx.store.getService('core-network')).toEqual(service);
    const changed = makeService({ policy: 'other', pageMediumNow: false, priorityRules: [] });
    await ctx.store.upsertService(changed);
    expect(await ctx.store.getService('core-network')).toEqual(changed);
    expect(await ctx.store.listServices()).toEqual([changed]);
    expect(await ctx.store.getService('nope')).toBeUndefined();
  });

  it('round-trips integrations and lists them per service', async () => {
    await ctx.store.upsertService(makeService());
    await ctx.store.upsertService(makeService({ id: 'mail' }));
    const webhook = makeIntegration();
    const grafana = makeIntegration({
      type: 'grafana',
      settings: { hmacSecret: 'secret-123', hmacHeader: 'X-Grafana-Signature' },
      createdAt: at(10),
    });
    const email = makeIntegration({
      serviceId: 'mail',
      type: 'email',
      settings: { dedupPattern: '(?i)ticket #(\\d+)' },
    });
    for (const integration of [webhook, grafana, email]) await ctx.store.upsertIntegration(integration);
    expect(await ctx.store.listIntegrations('core-network')).toEqual([webhook, grafana]);
    expect(await ctx.store.listIntegrations('mail')).toEqual([email]);
    expect(await ctx.store.listIntegrations()).toHaveLength(3);
    expect(await ctx.store.findIntegrationByKeyHash(grafana.keyHash)).toEqual(grafana);
    expect(await ctx.store.findIntegrationByKeyHash('no-such-hash')).toBeUndefined();
  });

  it('replaces an integration on upsert', async () => {
    await ctx.store.upsertService(makeService());
    const integration = makeIntegration();
    await ctx.store.upsertIntegration(integration);
    const changed = { ...integration, type: 'alertmanager' as const, keyHash: 'new-hash', settings: {} };
    await ctx.store.upsertIntegration(changed);
    expect(await ctx.store.listIntegrations()).toEqual([changed]);
    expect(await ctx.store.findIntegrationByKeyHash(integration.keyHash)).toBeUndefined();
  });

  it('makes the old key hash miss after setIntegrationKeyHash', async () => {
    await ctx.store.upsertService(makeService());
    const integration = makeIntegration();
    await ctx.store.upsertIntegration(integration);
    await ctx.store.setIntegrationKeyHash(integration.id, 'rotated-hash');
    expect(await ctx.store.findIntegrationByKeyHash(integration.keyHash)).toBeUndefined();
    const rotated = { ...integration, keyHash: 'rotated-hash' };
    expect(await ctx.store.findIntegrationByKeyHash('rotated-hash')).toEqual(rotated);
  });

  it('refuses a key hash another integration already has', async () => {
    await ctx.store.upsertService(makeService());
    const first = makeIntegration();
    await ctx.store.upsertIntegration(first);
    await expect(ctx.store.upsertIntegration(makeIntegration({ keyHash: first.keyHash }))).rejects.toThrow();
  });

  it('deletes an integration so that its key stops matching', async () => {
    await ctx.store.upsertService(makeService());
    const integration = makeIntegration();
    await ctx.store.upsertIntegration(integration);
    await ctx.store.deleteIntegration(integration.id);
    expect(await ctx.store.findIntegrationByKeyHash(integration.keyHash)).toBeUndefined();
    expect(await ctx.store.listIntegrations()).toEqual([]);
  });

  it('reads every config entity at once', async () => {
    const user = makeUser();
    const integration = makeIntegration();
    await ctx.store.upsertUser(user);
    await ctx.store.upsertTeam(makeTeam());
    await ctx.store.upsertSchedule(makeSchedule());
    await ctx.store.upsertPolicy(makePolicy());
    await ctx.store.upsertService(makeService());
    await ctx.store.upsertIntegration(integration);
    expect(await ctx.store.readConfigRecords()).toEqual({
      users: [user],
      teams: [makeTeam()],
      schedules: [makeSchedule()],
      policies: [makePolicy()],
      services: [makeService()],
      integrations: [integration],
    });
  });

  it('reads empty config records from an empty store', async () => {
    expect(await ctx.store.readConfigRecords()).toEqual({
      users: [],
      teams: [],
      schedules: [],
      policies: [],
      services: [],
      integrations: [],
    });
  });
}
