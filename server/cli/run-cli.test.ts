import { describe, expect, it } from 'vitest';
import type { CliContext, Command } from './command.js';
import { COMMANDS } from './commands.js';
import { CliError, EXIT } from './exit-codes.js';
import { errorText, findCommand, runCli } from './run-cli.js';

/** A context that records output and answers every request with `answer` (or fails to connect). */
function fakeContext(answer: { status: number; body: unknown } | 'unreachable') {
  const out: string[] = [];
  const err: string[] = [];
  const requests: { url: string; method: string; auth: string | null }[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    requests.push({ url, method: init.method ?? 'GET', auth: new Headers(init.headers).get('authorization') });
    if (answer === 'unreachable') throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  }) as typeof fetch;
  const context: CliContext = {
    env: { KLAXON_RELAY: 'http://relay.test:7300/', KLAXON_TOKEN: 'klx_test', XDG_CONFIG_HOME: '/nonexistent-klaxon-test' },
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    now: () => new Date('2026-12-01T12:00:00Z'),
    fetcher,
    readSecret: () => Promise.resolve(''),
  };
  return { context, out, err, requests };
}

describe('findCommand', () => {
  it('picks the longest command whose words start the line', () => {
    expect(findCommand(COMMANDS, ['incidents', 'ack', 'a', 'b'])).toMatchObject({ command: { words: ['incidents', 'ack'] }, rest: ['a', 'b'] });
    expect(findCommand(COMMANDS, ['incidents'])).toBeUndefined();
  });

  it('has exactly one command per word list', () => {
    const names = COMMANDS.map((c) => c.words.join(' '));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('runCli', () => {
  it('maps relay answers to exit codes: 401/403 → 3, 400 → 5, 404 → 1, unreachable → 4', async () => {
    for (const [status, code] of [[401, EXIT.auth], [403, EXIT.auth], [400, EXIT.invalid], [404, EXIT.refused], [409, EXIT.refused]] as const) {
      const { context, err } = fakeContext({ status, body: { error: `refused ${status}`, field: 'id' } });
      expect(await runCli(COMMANDS, ['incidents', 'show', 'inc-1'], context)).toBe(code);
      expect(err.join('\n')).toContain(`refused ${status}`);
    }
    const { context, err } = fakeContext('unreachable');
    expect(await runCli(COMMANDS, ['whoami'], context)).toBe(EXIT.unreachable);
    expect(err[0]).toContain('http://relay.test:7300 (ECONNREFUSED)');
  });

  it('sends the token from the environment to the normalised relay address', async () => {
    const { context, requests, out } = fakeContext({ status: 200, body: { id: 'dan', name: 'Dan', role: 'responder' } });
    expect(await runCli(COMMANDS, ['whoami'], context)).toBe(EXIT.ok);
    expect(requests).toEqual([{ url: 'http://relay.test:7300/api/v1/me', method: 'GET', auth: 'Bearer klx_test' }]);
    expect(out).toEqual(['dan (Dan, responder) on http://relay.test:7300']);
  });

  it('prints --json answers as JSON', async () => {
    const { context, out } = fakeContext({ status: 200, body: { id: 'dan', name: 'Dan', role: 'responder' } });
    await runCli(COMMANDS, ['whoami', '--json'], context);
    expect(JSON.parse(out.join('\n'))).toEqual({ id: 'dan', name: 'Dan', role: 'responder' });
  });

  it('answers usage errors with 2 before calling the relay, and help with 0', async () => {
    const { context, requests, err, out } = fakeContext({ status: 200, body: {} });
    expect(await runCli(COMMANDS, ['incidents', 'ack'], context)).toBe(EXIT.usage);
    expect(await runCli(COMMANDS, ['nonsense'], context)).toBe(EXIT.usage);
    expect(await runCli(COMMANDS, [], context)).toBe(EXIT.usage);
    expect(await runCli(COMMANDS, ['incidents', 'list', '--status', 'sleeping'], context)).toBe(EXIT.usage);
    expect(requests).toEqual([]);
    expect(err.join('\n')).toContain('--status must be one of');
    expect(await runCli(COMMANDS, ['oncall', '--help'], context)).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('Usage: klaxon oncall');
  });

  it('keeps going after one refused incident and exits with the first failure', async () => {
    let n = 0;
    const { context, out, err } = fakeContext({ status: 200, body: { changed: 1 } });
    context.fetcher = (async () => (++n === 1 ? new Response('{"error":"no such incident","field":"id"}', { status: 404 }) : new Response('{"changed":1}'))) as unknown as typeof fetch;
    expect(await runCli(COMMANDS, ['incidents', 'resolve', 'gone', 'inc-2'], context)).toBe(EXIT.refused);
    expect(out).toEqual(['resolved inc-2']);
    expect(err).toEqual(['klaxon incidents resolve gone: no such incident (field: id)']);
  });

  it('turns an unexpected throw into exit 1 with its message', async () => {
    const boom: Command = { words: ['boom'], usage: 'boom', summary: 'fails', options: {}, run: () => Promise.reject(new Error('kaput')) };
    const { context, err } = fakeContext({ status: 200, body: {} });
    expect(await runCli([boom], ['boom'], context)).toBe(EXIT.refused);
    expect(err).toEqual(['klaxon boom: kaput']);
  });
});

describe('errorText', () => {
  it('adds the field only when the message does not name it', () => {
    expect(errorText(['x'], new CliError(EXIT.invalid, 'overrides.0.end: end must be after start', 'overrides.0.end'))).toBe('klaxon x: overrides.0.end: end must be after start');
    expect(errorText(['x'], new CliError(EXIT.refused, 'no such incident', 'id'))).toBe('klaxon x: no such incident (field: id)');
    expect(errorText(['x'], new CliError(EXIT.usage, "Unknown option '--colour'", '--colour'))).toBe("klaxon x: Unknown option '--colour'");
  });
});
