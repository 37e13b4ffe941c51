import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiTokenCreated } from '../../shared/schemas/api-token.js';
import type { Incident } from '../../shared/schemas/incident.js';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

const BIN = fileURLToPath(new URL('../../bin/klaxon.mjs', import.meta.url));

/** How one run of the real binary ended. */
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let relay: RelayProcess;
let home: string;
let root: ScheduleClient;
let dan: ScheduleClient;
/** Dan's token that may read and act on incidents; his read-only token; root's admin token. */
let actToken: string;
let readToken: string;
let adminToken: string;

/** Runs `klaxon …args` as a child process with its own config folder and no KLAXON_ variables. */
function klaxon(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KLAXON_')));
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...base, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `klaxon` against the test relay with `token` given on the command line. */
const as = (token: string, args: string[]) => klaxon([...args, '--relay', relay.url, '--token', token]);

async function token(client: ScheduleClient, scopes: string[]): Promise<string> {
  const { status, body } = await client.call('POST', '/api/v1/tokens', { name: `cli ${scopes.join(' ')}`, scopes, expiresIn: '1d' });
  expect(status, JSON.stringify(body)).toBe(201);
  return (body as ApiTokenCreated).secret;
}

async function trigger(dedupKey: string, summary: string): Promise<Incident> {
  const answer = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: dedupKey, payload: { summary, source: 'srv1', severity: 'critical' } }),
  });
  expect(answer.status).toBe(202);
  const { body } = await dan.call('GET', '/api/v1/incidents');
  return (body as { incidents: Incident[] }).incidents.find((i) => i.dedupKey === dedupKey)!;
}

async function incidentStatus(id: string): Promise<string> {
  const { body } = await root.call('GET', `/api/v1/incidents/${id}`);
  return (body as { incident: Incident }).incident.status;
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'klaxon-cli-home-'));
  const configPath = writeTestConfig((doc) => {
    doc.users!.push({ id: 'root', name: 'Root Admin', email: 'root@example.com', role: 'admin', password: 'change-me-root', notify: [] });
    doc.users!.push({ id: 'tia', name: 'Tia Researcher', email: 'tia@example.com', role: 'threat-researcher', password: 'change-me-tia', notify: [] });
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: configPath } });
  [root, dan] = await Promise.all([signInClient(relay.url, 'root'), signInClient(relay.url, 'dan')]);
  [actToken, readToken, adminToken] = await Promise.all([
    token(dan, ['incidents:read', 'incidents:act']),
    token(dan, ['incidents:read']),
    token(root, ['admin']),
  ]);
}, 60_000);

afterAll(async () => {
  const dir = relay?.dataDir;
  await relay?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('klaxon against a real relay', { timeout: 90_000 }, () => {
  it('logs in (storing the relay and token with mode 0600) and says who the token acts as', async () => {
    const login = await klaxon(['login', '--relay', `${relay.url}/`, '--token', actToken]);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain('as dan (');
    const file = path.join(home, 'config', 'klaxon', 'cli.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ relay: relay.url, token: actToken });

    const whoami = await klaxon(['whoami', '--json']);
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ id: 'dan', role: 'responder' });
  });

  it('takes the token from KLAXON_TOKEN and refuses to store one the relay refuses (exit 3)', async () => {
    const bad = await klaxon(['login', '--relay', relay.url], { KLAXON_TOKEN: 'klx_not-a-real-token-at-all' });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/klaxon login: /);
    const file = path.join(home, 'config', 'klaxon', 'cli.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).token).toBe(actToken);
  });

  it('lists incidents as a table and as JSON, filters by text, and shows one', async () => {
    const incident = await trigger('cli-list', 'Disk full on srv1');
    const table = await klaxon(['incidents', 'list']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+STATE\s+PRIORITY\s+SERVICE\s+OPENED\s+SUMMARY/);
    expect(table.stdout).toMatch(new RegExp(`${incident.id}\\s+triggered\\s+\\w+\\s+rmm\\s+(?:.*ago|just now)\\s+Disk full on srv1`));

    const json = await klaxon(['incidents', 'list', '--json', '--q', 'disk FULL']);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { incidents: Incident[] }).incidents.map((i) => i.id)).toContain(incident.id);
    const none = await klaxon(['incidents', 'list', '--json', '--q', 'no such words']);
    expect((JSON.parse(none.stdout) as { incidents: Incident[] }).incidents).toEqual([]);

    const show = await klaxon(['incidents', 'show', incident.id, '--json']);
    expect(show.code, show.stderr).toBe(0);
    const detail = JSON.parse(show.stdout) as { incident: Incident; timeline: { type: string }[] };
    expect(detail.incident.id).toBe(incident.id);
    expect(detail.timeline.map((e) => e.type)).toContain('incident.opened');
    const human = await klaxon(['incidents', 'show', incident.id]);
    expect(human.stdout).toMatch(/^Incident:\s+\S+/m);
    expect(human.stdout).toContain('incident.opened');
  });

  it('refuses a read-only token on incidents ack with exit 3 naming the scope, and changes nothing', async () => {
    const incident = await trigger('cli-readonly', 'Read-only token tries to ack');
    const ack = await as(readToken, ['incidents', 'ack', incident.id]);
    expect(ack.code).toBe(3);
    expect(ack.stderr).toContain('incidents:act');
    expect(await incidentStatus(incident.id)).toBe('triggered');
  });

  it('acknowledges and resolves with the stored token; an unknown incident is exit 1', async () => {
    const incident = await trigger('cli-act', 'CPU at 100%');
    const ack = await klaxon(['incidents', 'ack', incident.id]);
    expect(ack.code, ack.stderr).toBe(0);
    expect(ack.stdout.trim()).toBe(`acknowledged ${incident.id}`);
    expect(await incidentStatus(incident.id)).toBe('acknowledged');

    const resolve = await klaxon(['incidents', 'resolve', incident.id, '--json']);
    expect(resolve.code, resolve.stderr).toBe(0);
    expect(JSON.parse(resolve.stdout)).toMatchObject({ results: [{ id: incident.id, ok: true, status: 200 }] });
    expect(await incidentStatus(incident.id)).toBe('resolved');

    const missing = await klaxon(['incidents', 'ack', 'no-such-incident']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such-incident');
  });

  it('escalates through the escalate route', async () => {
    const incident = await trigger('cli-escalate', 'Escalate me');
    const escalate = await klaxon(['incidents', 'escalate', incident.id]);
    expect(escalate.code, escalate.stderr).toBe(0);
    expect(escalate.stdout.trim()).toBe(`escalated ${incident.id}`);
  });

  it('answers exit 3 for a bad token and exit 4 for a relay nobody listens on', async () => {
    const bad = await as('klx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', ['incidents', 'list']);
    expect(bad.code).toBe(3);
    const port = await freePort();
    const gone = await klaxon(['incidents', 'list', '--relay', `http://127.0.0.1:${port}`, '--token', actToken]);
    expect(gone.code).toBe(4);
    expect(gone.stderr).toContain(`http://127.0.0.1:${port}`);
  });

  it('pages one person: an incident opens on their team\'s service, the page is queued for them, timeline and audit name the requester', async () => {
    const run = await klaxon(['page', 'bob', '--summary', 'Customer on the phone: VPN down', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { incident } = JSON.parse(run.stdout) as { incident: Incident };
    // bob's team noc owns rmm and db; the first by id is db.
    expect(incident).toMatchObject({ serviceId: 'db', status: 'triggered', priority: 'high', summary: 'Customer on the phone: VPN down', source: 'page from dan' });

    const { body } = await root.call('GET', `/api/v1/incidents/${incident.id}`);
    const detail = body as { timeline: { type: string; actor: { id: string | null }; data: Record<string, unknown> }[]; pages: { userId: string; level: number }[] };
    expect(detail.timeline.find((e) => e.type === 'incident.opened')?.actor.id).toBe('dan');
    expect(detail.timeline.find((e) => e.type === 'page.queued')?.data).toMatchObject({ userId: 'bob', level: 0, manual: true });
    expect(detail.pages.length).toBeGreaterThan(0);
    expect(new Set(detail.pages.map((p) => p.userId))).toEqual(new Set(['bob']));
    const audit = await root.call('GET', `/api/v1/audit?action=incident.paged&subjectId=${incident.id}`);
    expect(JSON.stringify(audit.body)).toContain('"actorId":"dan"');

    const human = await klaxon(['page', 'cara', '--summary', 'Look at the SIEM', '--service', 'rmm', '--priority', 'medium']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^Paged cara: incident \S+ on rmm \(medium\)/);
  });

  it('refuses bad pages: unknown person or service (exit 5 naming the field), a read-only token (exit 3), no summary (exit 2)', async () => {
    const nobody = await klaxon(['page', 'nobody', '--summary', 'Anyone there?']);
    expect(nobody.code).toBe(5);
    expect(nobody.stderr).toContain('userId');
    const service = await klaxon(['page', 'bob', '--summary', 'Anyone there?', '--service', 'no-such-service']);
    expect(service.code).toBe(5);
    expect(service.stderr).toContain('serviceId');
    const tooShort = await klaxon(['page', 'bob', '--summary', 'x']);
    expect(tooShort.code).toBe(5);
    expect(tooShort.stderr).toContain('summary');
    const readOnly = await as(readToken, ['page', 'bob', '--summary', 'Read-only page']);
    expect(readOnly.code).toBe(3);
    expect(readOnly.stderr).toContain('incidents:act');
    const missing = await klaxon(['page', 'bob']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--summary');
    const huge = await fetch(`${relay.url}/api/v1/pages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${actToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'bob', summary: 'x'.repeat(20_000) }),
    });
    expect(huge.status).toBe(413);
  });

  it('refuses a page from a role that may not page people (exit 3 naming the roles)', async () => {
    const tia = await signInClient(relay.url, 'tia');
    const tiaToken = await token(tia, ['incidents:read', 'incidents:act']);
    const run = await as(tiaToken, ['page', 'bob', '--summary', 'Threat researchers do not page']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('paging a person needs the role');
  });

  it('keeps a confidential incident from someone without need-to-know: show withholds it, ack answers not found (exit 1)', async () => {
    const incident = await trigger('cli-confidential', 'Suspected intrusion at acme');
    const marked = await root.call('POST', `/api/v1/incidents/${incident.id}/confidential`, { confidential: true });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    const show = await klaxon(['incidents', 'show', incident.id]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('withheld');
    expect(show.stdout).not.toContain('Suspected intrusion');
    const ack = await klaxon(['incidents', 'ack', incident.id]);
    expect(ack.code).toBe(1);
    expect(await incidentStatus(incident.id)).toBe('triggered');
    const list = await klaxon(['incidents', 'list', '--q', 'intrusion', '--json']);
    expect((JSON.parse(list.stdout) as { incidents: Incident[] }).incidents).toEqual([]);
  });

  it('shows who is on call now and at another time', async () => {
    const now = await as(adminToken, ['oncall', '--json']);
    expect(now.code, now.stderr).toBe(0);
    const lines = (JSON.parse(now.stdout) as { onCall: { scheduleId: string; users: { id: string }[] }[] }).onCall;
    const primary = lines.find((l) => l.scheduleId === 'noc-primary')!;
    const { body } = await root.call('GET', '/api/v1/schedules/noc-primary');
    expect(primary.users.map((u) => u.id)).toEqual((body as { onCall: { users: string[] } }).onCall.users);

    const later = await as(adminToken, ['oncall', 'noc-primary', '--at', '+3h']);
    expect(later.code, later.stderr).toBe(0);
    expect(later.stdout).toMatch(/^SCHEDULE\s+ON CALL/);
    expect(later.stdout).toContain('noc-primary');

    const bad = await as(adminToken, ['oncall', '--at', 'tomorrowish']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--at');
  });

  it('adds a schedule override, and a backwards one fails validation naming the field (exit 5)', async () => {
    const ok = await as(adminToken, ['schedule', 'override', 'noc-primary', '--user', 'dan', '--from', '2030-01-02T09:00', '--to', '2030-01-02T17:00', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const { body } = await root.call('GET', '/api/v1/schedules/noc-primary');
    expect((body as { schedule: { overrides: unknown[] } }).schedule.overrides).toContainEqual({ user: 'dan', start: '2030-01-02T09:00', end: '2030-01-02T17:00' });

    const backwards = await as(adminToken, ['schedule', 'override', 'noc-primary', '--user', 'dan', '--from', '2030-01-03T17:00', '--to', '2030-01-03T09:00']);
    expect(backwards.code).toBe(5);
    expect(backwards.stderr).toContain('overrides.0.end');

    const missing = await as(adminToken, ['schedule', 'override', 'noc-primary', '--user', 'dan']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--from');
  });

  it('starts and ends a maintenance window', async () => {
    const start = await as(adminToken, ['maint', 'start', 'Patch night', '--service', 'rmm', '--for', '2h', '--reason', 'monthly patches', '--json']);
    expect(start.code, start.stderr).toBe(0);
    const { window } = JSON.parse(start.stdout) as { window: { id: string; name: string; startsAt: string; endsAt: string; match: { services: string[] } } };
    expect(window).toMatchObject({ name: 'Patch night', match: { services: ['rmm'] } });
    expect(Date.parse(window.endsAt) - Date.parse(window.startsAt)).toBe(2 * 3_600_000);

    const end = await as(adminToken, ['maint', 'end', window.id]);
    expect(end.code, end.stderr).toBe(0);
    expect(end.stdout).toContain(`Ended maintenance window ${window.id}`);
    const { body } = await root.call('GET', `/api/v1/maintenance-windows/${window.id}`);
    expect((body as { window: { endedAt: string | null } }).window.endedAt).not.toBeNull();

    const refused = await klaxon(['maint', 'start', 'Not mine', '--service', 'rmm']);
    expect(refused.code).toBe(3);
    const unknown = await as(adminToken, ['maint', 'start', 'Nowhere', '--service', 'no-such-service']);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain('match.services');
  });

  it('verifies the audit trail through the relay (admin), and refuses a responder with exit 3', async () => {
    const verify = await as(adminToken, ['audit', 'verify']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^intact: \d+ audit events/);
    const refused = await klaxon(['audit', 'verify']);
    expect(refused.code).toBe(3);
  });

  it('applies a config file to the running relay (admin, audited), refuses a responder (3) and a bad file before calling (5)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-apply-'));
    try {
      const good = path.join(dir, 'klaxon.yaml');
      writeFileSync(good, readFileSync(writeTestConfig((doc) => {
        doc.users!.push({ id: 'root', name: 'Root Admin', email: 'root@example.com', role: 'admin', password: 'change-me-root', notify: [] });
        doc.users!.push({ id: 'erin', name: 'Erin Applied', email: 'erin@example.com', role: 'responder', notify: [] });
      }), 'utf8'));
      const applied = await as(adminToken, ['config', 'apply', good, '--json']);
      expect(applied.code, applied.stderr).toBe(0);
      expect(JSON.parse(applied.stdout)).toMatchObject({ applied: { users: { created: 1 } } });
      const { body } = await root.call('GET', '/api/v1/users');
      expect((body as { users: { id: string }[] }).users.map((u) => u.id)).toContain('erin');
      const audit = await root.call('GET', '/api/v1/audit?action=config.applied&actor=root');
      expect(JSON.stringify(audit.body)).toContain('"actorId":"root"');

      const again = await as(adminToken, ['config', 'apply', good]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/^users\s+0\s+0\s+\d+\s+0$/m);

      const refused = await klaxon(['config', 'apply', good]);
      expect(refused.code).toBe(3);

      const bad = path.join(dir, 'bad.yaml');
      writeFileSync(bad, readFileSync(good, 'utf8').replace('role: responder', 'role: superhero'));
      const invalid = await klaxon(['config', 'apply', bad, '--relay', `http://127.0.0.1:${await freePort()}`]);
      expect(invalid.code).toBe(5);
      expect(invalid.stderr).toMatch(/users\.\d+\.role: /);
      // The relay checks again: a file sent past the CLI is refused naming the field, and changes nothing.
      const direct = await fetch(`${relay.url}/api/v1/config/apply`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ fileName: 'bad.yaml', text: readFileSync(bad, 'utf8') }),
      });
      expect(direct.status).toBe(400);
      const answer = (await direct.json()) as { field: string; issues: { path: string }[] };
      expect(answer.field).toMatch(/^users\.\d+\.role$/);
      const badName = await fetch(`${relay.url}/api/v1/config/apply`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ fileName: 'klaxon.exe', text: '' }),
      });
      expect(badName.status).toBe(400);
      expect(((await badName.json()) as { field: string }).field).toBe('fileName');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers usage errors with exit 2 and prints help', async () => {
    const unknown = await klaxon(['incidents', 'frobnicate']);
    expect(unknown.code).toBe(2);
    const flag = await klaxon(['incidents', 'list', '--colour']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--colour');
    const help = await klaxon(['maint', 'start', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: klaxon maint start NAME --service S');
  });
});

describe('klaxon config validate (offline)', { timeout: 60_000 }, () => {
  /** The `path: message` lines of a config error text. */
  const issueLines = (text: string) => text.split('\n').filter((line) => /^ {2}\S/.test(line)).map((line) => line.trim());

  it('accepts the documented example', async () => {
    const example = fileURLToPath(new URL('../../shared/config/klaxon.example.yaml', import.meta.url));
    const run = await klaxon(['config', 'validate', example]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/is valid: \d+ users/);
  });

  it('rejects bad files with exit 5 and the same field paths and messages as a relay started with them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-bad-config-'));
    const example = readFileSync(new URL('../../shared/config/klaxon.example.yaml', import.meta.url), 'utf8');
    const bad = {
      'wrong-fields.yaml': example.replace('role: responder', 'role: superhero').replace(/email: \S+@\S+/, 'email: not-an-email'),
      'dangling-policy.yaml': example.replace(/policy: noc-default/, 'policy: no-such-policy'),
      'broken.yaml': 'users:\n  - id: a\n   name: b\n',
      'wrong-type.json': JSON.stringify({ version: 1, users: 'everyone' }),
    };
    try {
      // Each file through the CLI and through a relay start, all side by side (a relay start is the slow part).
      await Promise.all(
        Object.entries(bad).map(async ([name, text]) => {
          const file = path.join(dir, name);
          writeFileSync(file, text);
          const [run, relayLines] = await Promise.all([
            klaxon(['config', 'validate', file]),
            (async () => {
              const failed = await startRelayProcess({ env: { KLAXON_CONFIG: file }, waitForHealth: false });
              const exit = await failed.waitForExit();
              await failed.dispose();
              expect(exit.code, name).toBe(1);
              return issueLines(failed.stderr.join('\n'));
            })(),
          ]);
          expect(run.code, `${name}: ${run.stdout}`).toBe(5);
          const cliIssues = issueLines(run.stderr);
          expect(cliIssues.length, name).toBeGreaterThan(0);
          expect(cliIssues, name).toEqual(relayLines);
        }),
      );
      const json = await klaxon(['config', 'validate', path.join(dir, 'wrong-fields.yaml'), '--json']);
      expect(json.code).toBe(5);
      const paths = (JSON.parse(json.stdout) as { issues: { path: string }[] }).issues.map((i) => i.path);
      expect(paths.some((p) => /^users\.\d+\.role$/.test(p))).toBe(true);
      expect(paths.some((p) => /^users\.\d+\.email$/.test(p))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
