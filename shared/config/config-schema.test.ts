import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from './config-schema.js';

const example = () => parse(readFileSync(new URL('./klaxon.example.yaml', import.meta.url), 'utf8'));

describe('ConfigSchema', () => {
  it('accepts the documented example as it is, with durations in seconds', () => {
    const config = ConfigSchema.parse(example());
    expect(config.policies[0]).toMatchObject({ stopOn: 'read', repeat: 1, repeatPageEvery: 60 });
    expect(config.policies[0]!.levels.map((l) => l.delay)).toEqual([300, 600]);
    expect(config.users[0]!.notify).toEqual([{ channel: 'push', after: 0 }, { channel: 'email', after: 300 }]);
  });

  it('names the path of every wrong field', () => {
    const doc = example();
    doc.users[1].role = 'intern';
    doc.policies[0].levels[0].delay = 'soon';
    doc.services[0].policy = 'no-such-policy';
    const result = ConfigSchema.safeParse(doc);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('users.1.role');
    expect(paths).toContain('policies.0.levels.0.delay');
  });

  it('reports references to undeclared ids and ids declared twice', () => {
    const doc = example();
    doc.services[0].policy = 'no-such-policy';
    doc.schedules[0].layers[0].rotation.participants.push('zoe');
    doc.users.push({ ...doc.users[0] });
    const issues = ConfigSchema.safeParse(doc).error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toContain('services.0.policy: unknown policy "no-such-policy"');
    expect(issues).toContain('schedules.0.layers.0.rotation.participants.2: unknown user "zoe"');
    expect(issues).toContain('users.4.id: "ann" is declared twice');
  });

  it('checks Microsoft Teams channels: their services and clients exist, ids are unique, the URL comes from a variable', () => {
    const doc = example();
    doc.microsoftTeams = {
      channels: [
        { id: 'noc', webhookUrlEnv: 'TEAMS_NOC', services: ['rmm'], clients: ['acme'] },
        { id: 'noc', webhookUrlEnv: 'TEAMS_OTHER', services: ['nope'], clients: ['nobody'] },
        { id: 'url', webhookUrlEnv: 'https://example.webhook.office.com/x' },
      ],
    };
    const issues = ConfigSchema.safeParse(doc).error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toContain('microsoftTeams.channels.1.id: "noc" is declared twice');
    expect(issues).toContain('microsoftTeams.channels.1.services.0: unknown service "nope"');
    expect(issues).toContain('microsoftTeams.channels.1.clients.0: unknown client "nobody"');
    expect(issues.some((i) => i.startsWith('microsoftTeams.channels.2.webhookUrlEnv:'))).toBe(true);
    doc.microsoftTeams = { channels: [{ id: 'noc', webhookUrlEnv: 'TEAMS_NOC', services: ['rmm'] }] };
    expect(ConfigSchema.parse(doc).microsoftTeams?.channels[0]).toMatchObject({ clients: [], fromPriority: 'low', statusUpdates: true });
  });

  it('checks the services clients refer to, and gives a service to one client at most', () => {
    const doc = example();
    const acme = doc.clients[0];
    acme.services = ['rmm'];
    acme.processes[0].services = ['rmm', 'nope'];
    acme.processes.push({ ...acme.processes[1] });
    doc.clients.push({ id: 'globex', name: 'Globex', services: ['rmm', 'ghost'], processes: [] }, { id: 'acme', name: 'Twice' });
    const issues = ConfigSchema.safeParse(doc).error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        'clients.0.processes.0.services.1: unknown service "nope"',
        'clients.0.processes.2.id: "intranet" is declared twice',
        'clients.1.services.0: service "rmm" belongs to client "acme"',
        'clients.1.services.1: unknown service "ghost"',
        'clients.2.id: "acme" is declared twice',
      ]),
    );
    expect(ConfigSchema.parse(example()).clients.map((c) => c.id)).toEqual(['acme']);
  });

  it('refuses an integration key used twice and a webhook without a mapping', () => {
    const doc = example();
    doc.services[0].integrations[1].key = doc.services[0].integrations[0].key;
    delete doc.services[0].integrations[5].mapping;
    const messages = ConfigSchema.safeParse(doc).error!.issues.map((i) => i.message);
    expect(messages).toContain('this key is used by another integration');
    expect(messages.some((m) => m.includes('needs a mapping'))).toBe(true);
  });
});
