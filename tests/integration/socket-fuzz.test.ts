import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandErrorSchema, type CommandResult } from '../../shared/schemas/command.js';
import type { Incident } from '../../shared/schemas/incident.js';
import {
  AssignCommandSchema,
  DeviceIncidentCommandSchema,
  DismissCommandSchema,
  IncidentIdsSchema,
  PageReadSchema,
  SetPriorityCommandSchema,
  VerdictCommandSchema,
  type CommandRefusal,
} from '../../shared/socket-events.js';
import { registerPhone } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

/** Every command of each namespace with the schema its input must pass (`null`: takes no input). */
const CONSOLE_EVENTS: Record<string, z.ZodType | null> = {
  'board:subscribe': null,
  'incident:acknowledge': IncidentIdsSchema,
  'incident:resolve': IncidentIdsSchema,
  'incident:dismiss': DismissCommandSchema,
  'incident:set-priority': SetPriorityCommandSchema,
  'incident:assign': AssignCommandSchema,
  'incident:verdict': VerdictCommandSchema,
};
const DEVICE_EVENTS: Record<string, z.ZodType> = {
  'page:read': PageReadSchema,
  'incident:acknowledge': DeviceIncidentCommandSchema,
  'incident:resolve': DeviceIncidentCommandSchema,
  'incident:escalate': DeviceIncidentCommandSchema,
};

let relay: RelayProcess;
let consoleSocket: Socket;
let phone: Socket;
const refusals: { console: CommandRefusal[]; device: CommandRefusal[] } = { console: [], device: [] };

async function login(username: string): Promise<string> {
  const response = await fetch(`${relay.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `change-me-${username}` }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function open(namespace: string, token: string): Promise<Socket> {
  const socket = connect(`${relay.url}${namespace}`, { auth: { token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

const trigger = (dedupKey: string) =>
  fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: dedupKey, source: 'fuzz', severity: 'critical' } }),
  });

beforeAll(async () => {
  // A high socket rate, so that the fuzzer's answers are about its payloads, not the rate limit.
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_SOCKET_RATE: '100000' } });
  consoleSocket = await open('/console', await login('ann'));
  phone = await open('/device', await registerPhone(relay.url, await login('bob')));
  consoleSocket.on('command:refused', (r: CommandRefusal) => refusals.console.push(r));
  phone.on('command:refused', (r: CommandRefusal) => refusals.device.push(r));
});
afterAll(async () => {
  consoleSocket?.close();
  phone?.close();
  await relay?.dispose();
});

/** Nested arrays `depth` deep. */
const deep = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** Inputs a hostile or broken client sends: any JSON, wrong types in the right fields, huge and deep values. */
const payload = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.record({
    incidentIds: fc.oneof(fc.anything({ maxDepth: 2 }), fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant('x'.repeat(5_000))), { maxLength: 700 })),
    id: fc.anything({ maxDepth: 1 }),
    incidentId: fc.oneof(fc.string(), fc.integer(), fc.constant('')),
    priority: fc.anything({ maxDepth: 1 }),
    reason: fc.oneof(fc.string(), fc.constant('r'.repeat(100_000))),
    extra: fc.anything({ maxDepth: 1 }),
  }, { requiredKeys: [] }),
  fc.constant('s'.repeat(200_000)),
  fc.constant(deep(500)),
  fc.constant({ incidentIds: deep(200) }),
);
/** How the client passes (or fails to pass) a callback. */
const callback = fc.oneof(fc.constant('function' as const), fc.constant('none' as const), fc.anything({ maxDepth: 1 }).map((v) => ({ notAFunction: v })));

/** Sends one event; resolves with the answer for a callback, or undefined at once without one. */
function send(socket: Socket, event: string, input: unknown, mode: 'function' | 'none' | { notAFunction: unknown }): Promise<CommandResult<unknown> | undefined> {
  if (mode === 'none') {
    socket.emit(event, input);
    return Promise.resolve(undefined);
  }
  if (mode !== 'function') {
    socket.emit(event, input, mode.notAFunction);
    return Promise.resolve(undefined);
  }
  return socket.timeout(10_000).emitWithAck(event, input) as Promise<CommandResult<unknown>>;
}

/** Checks one answer: well-formed, and `invalid` naming the field whenever the input fails its schema. */
function checkAnswer(answer: CommandResult<unknown>, schema: z.ZodType | null, input: unknown): void {
  expect(typeof answer.ok).toBe('boolean');
  if (answer.ok) {
    expect(schema === null || schema.safeParse(input).success).toBe(true);
    return;
  }
  expect(CommandErrorSchema.safeParse(answer.error).success).toBe(true);
  if (schema && !schema.safeParse(input).success) {
    expect(answer.error.code).toBe('invalid');
    expect(typeof answer.error.field).toBe('string');
    expect(answer.error.message.startsWith(`${answer.error.field}:`)).toBe(true);
  }
}

/** Acknowledges a fresh incident from the console with a valid command: the relay still works. */
async function validCommandTakesEffect(round: string): Promise<void> {
  const created = new Promise<Incident>((resolve) => {
    const listener = (incident: Incident) => {
      if (incident.dedupKey !== round) return;
      consoleSocket.off('incident:created', listener);
      resolve(incident);
    };
    consoleSocket.on('incident:created', listener);
  });
  expect((await trigger(round)).status).toBe(202);
  const incident = await created;
  const acked = (await consoleSocket.timeout(10_000).emitWithAck('incident:acknowledge', { incidentIds: [incident.id] })) as CommandResult<unknown>;
  expect(acked).toEqual({ ok: true, value: undefined });
}

async function health(): Promise<number> {
  return (await fetch(`${relay.url}/health`)).status;
}

describe('socket fuzz', () => {
  it('answers every generated console and device event with a result naming the field, never crashing', async () => {
    expect((await consoleSocket.timeout(10_000).emitWithAck('board:subscribe')).ok).toBe(true);
    let invalidWithoutCallback = { console: 0, device: 0 };
    let round = 0;
    const namespaces = [
      { name: 'console' as const, socket: () => consoleSocket, events: CONSOLE_EVENTS },
      { name: 'device' as const, socket: () => phone, events: DEVICE_EVENTS },
    ];
    for (const ns of namespaces) {
      for (const [event, schema] of Object.entries(ns.events)) {
        await fc.assert(
          fc.asyncProperty(payload, callback, async (input, mode) => {
            const answer = await send(ns.socket(), event, input, mode);
            if (answer) checkAnswer(answer, schema, input);
            else if (schema && !schema.safeParse(input).success) invalidWithoutCallback[ns.name] += 1;
          }),
          { numRuns: 40 },
        );
        expect(ns.socket().connected).toBe(true);
        expect(await health()).toBe(200);
        await validCommandTakesEffect(`fuzz-${ns.name}-${event}-${round++}`);
      }
    }

    // Every invalid event sent without a callback was refused with one `command:refused` each.
    const deadline = Date.now() + 10_000;
    while ((refusals.console.length < invalidWithoutCallback.console || refusals.device.length < invalidWithoutCallback.device) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(refusals.console.filter((r) => r.error.code === 'invalid')).toHaveLength(invalidWithoutCallback.console);
    expect(refusals.device.filter((r) => r.error.code === 'invalid')).toHaveLength(invalidWithoutCallback.device);
    expect(refusals.device.every((r) => typeof r.error.field === 'string')).toBe(true);
    invalidWithoutCallback = { console: 0, device: 0 };

    // Nothing failed inside the relay, and nothing was left unhandled.
    const log = [...relay.stdout, ...relay.stderr].join('\n');
    expect(log).not.toMatch(/command failed|unhandled|uncaught/i);
    expect(await health()).toBe(200);
  }, 240_000);

  it('drops a message over the size limit by closing only that socket', async () => {
    const victim = await open('/console', await login('cara'));
    const closed = new Promise<string>((resolve) => victim.once('disconnect', resolve));
    victim.emit('incident:acknowledge', { incidentIds: ['x'.repeat(600 * 1024)] });
    expect(await closed).toBe('transport close');
    expect(await health()).toBe(200);
    expect(consoleSocket.connected).toBe(true);
    await validCommandTakesEffect('after-the-oversized-message');
  });
});
