import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile } from './load-config-file.js';

const EXAMPLE = fileURLToPath(new URL('../../../shared/config/klaxon.example.yaml', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'klaxon-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

async function errorOf(file: string): Promise<ConfigError> {
  const error = await loadConfigFile(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadConfigFile', () => {
  it('loads the example file as it is, durations in seconds and defaults filled in', async () => {
    const config = await loadConfigFile(EXAMPLE);
    expect(config.users.map((u) => u.id)).toEqual(['ann', 'bob', 'cara', 'dan']);
    expect(config.policies[0]).toMatchObject({ repeatPageEvery: 60, levels: [{ delay: 300 }, { delay: 600 }] });
    expect(config.services[0]!.integrations).toHaveLength(7);
  });

  it('loads JSON too', async () => {
    const file = await write('ok.json', JSON.stringify({ version: 1 }));
    expect(await loadConfigFile(file)).toEqual({ version: 1, users: [], teams: [], schedules: [], policies: [], services: [], clients: [] });
  });

  it('lists every wrong field with its path, one per line, and names the file', async () => {
    const file = await write(
      'bad.yaml',
      [
        'version: 1',
        'users:',
        '  - { id: Ann, name: Ann, email: not-an-email, role: boss, password: short }',
        'teams:',
        '  - { id: noc, name: NOC, timeZone: Mars/Olympus, businessHours: { days: [mon], start: "9am", end: "17:00" } }',
        'policies:',
        '  - { id: p, name: P, levels: [{ delay: soon, targets: [{ user: ann }] }] }',
      ].join('\n'),
    );
    const error = await errorOf(file);
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'users.0.id',
        'users.0.email',
        'users.0.role',
        'users.0.password',
        'teams.0.timeZone',
        'teams.0.businessHours.start',
        'policies.0.levels.0.delay',
      ]),
    );
    const lines = error.message.split('\n');
    expect(lines[0]).toBe(`config file ${file} has ${error.issues.length} errors:`);
    for (const p of paths) expect(lines.some((line) => line.trim().startsWith(`${p}: `))).toBe(true);
  });

  it('lists every broken reference once the shapes are right', async () => {
    const file = await write(
      'refs.yaml',
      [
        'version: 1',
        'teams: [{ id: noc, name: NOC, timeZone: UTC, businessHours: { days: [mon], start: "09:00", end: "17:00" }, members: [ghost] }]',
        'policies: [{ id: p, name: P, levels: [{ delay: 5m, targets: [{ schedule: nope }] }] }]',
        'services: [{ id: s, name: S, team: noc, policy: missing }]',
      ].join('\n'),
    );
    expect((await errorOf(file)).issues.map((i) => i.path)).toEqual([
      'teams.0.members.0',
      'policies.0.levels.0.targets.0.schedule',
      'services.0.policy',
    ]);
  });

  it('reports broken YAML and JSON with where it broke', async () => {
    const yaml = await errorOf(await write('broken.yml', 'version: 1\nusers: [\n  - nope: : :\n'));
    expect(yaml.message).toMatch(/line \d+, column \d+: not valid YAML/);
    const json = await errorOf(await write('broken.json', '{"version": 1,'));
    expect(json.message).toMatch(/\(file\): not valid JSON/);
  });

  it('reports a missing file, a wrong extension and a wrong version', async () => {
    expect((await errorOf(path.join(dir, 'absent.yaml'))).message).toMatch(/absent\.yaml has 1 error:\n {2}\(file\): no such file/);
    expect((await errorOf(await write('config.toml', 'version = 1'))).message).toMatch(/\.yaml, \.yml or \.json/);
    expect((await errorOf(await write('v2.yaml', 'version: 2'))).issues.map((i) => i.path)).toEqual(['version']);
  });

  it('writes phone numbers in E.164 and refuses those of no numbering plan, naming each', async () => {
    const twilio = (from: string) => `channels: { twilio: { accountSid: AC${'0'.repeat(32)}, authTokenEnv: TWILIO_TOKEN, from: "${from}" } }`;
    const user = (number: string) => `  - { id: ann, name: Ann, email: ann@example.com, role: ir-manager, contacts: { phone: { number: "${number}" } } }`;
    const good = await loadConfigFile(await write('phones.yaml', ['version: 1', twilio('+1 500 555 0006'), 'users:', user('00 44 20 7946 0958')].join('\n')));
    expect(good.channels?.twilio?.from).toBe('+15005550006');
    expect(good.users[0]!.contacts?.phone?.number).toBe('+442079460958');

    // E.164-shaped (the shared schema lets them through), but a UK number a digit short and a US area code 0xx.
    const bad = await errorOf(await write('bad-phones.yaml', ['version: 1', twilio('+1 015 555 0101'), 'users:', user('+44 20 7946 095')].join('\n')));
    expect(bad.issues).toEqual([
      { path: 'channels.twilio.from', message: expect.stringMatching(/valid phone number/) },
      { path: 'users.0.contacts.phone.number', message: expect.stringMatching(/valid phone number/) },
    ]);
    expect((await errorOf(await write('national.yaml', ['version: 1', 'users:', user('020 7946 0958')].join('\n')))).issues.map((i) => i.path)).toEqual([
      'users.0.contacts.phone.number',
    ]);
  });
});
