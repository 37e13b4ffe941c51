import { createPinia, setActivePinia } from 'pinia';
import { createApp } from 'vue';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { ConsoleServices } from '../../services/services.js';
import { ServicesKey } from '../../services/services.js';
import type { ConsoleSocket, LinkEvent, RelayLink } from '../../services/socket.js';
import type { AlarmSound } from '../alarm-sound.js';
import { type BoardServices, BoardServicesKey } from '../board-services.js';
import type { IncidentApi } from '../incident-api.js';

type Handler = (...args: unknown[]) => void;

/** A console socket whose pushes the test fires and whose commands the test answers. */
export interface FakeSocketLink extends RelayLink {
  /** Commands sent so far: name and payload. */
  sent: { name: string; payload: unknown }[];
  /** Answers the next commands: a function of the command name and payload (undefined: no answer). */
  answer: (name: string, payload: unknown) => unknown;
  /** Fires a push as the relay would. */
  push(event: string, payload: unknown): void;
  /** Fires a link event (connected, disconnected …) and sets `connected` to match. */
  fire(event: LinkEvent): void;
  /** Ack callbacks of commands not answered yet (answer returned undefined), oldest first. */
  waiting: { name: string; ack: (error: Error | null, result?: unknown) => void }[];
}

/** Creates a fake link; `connected` says whether its socket starts connected. */
export function createFakeSocketLink(connected = true): FakeSocketLink {
  const handlers = new Map<string, Set<Handler>>();
  const linkListeners = new Set<(event: LinkEvent) => void>();
  const state = { connected };
  const link: FakeSocketLink = {
    sent: [],
    waiting: [],
    answer: () => undefined,
    socket: {
      get connected() {
        return state.connected;
      },
      on(event: string, handler: Handler) {
        if (!handlers.has(event)) handlers.set(event, new Set());
        handlers.get(event)!.add(handler);
        return this;
      },
      off(event: string, handler: Handler) {
        handlers.get(event)?.delete(handler);
        return this;
      },
      timeout() {
        return {
          emit(name: string, ...args: unknown[]) {
            const ack = args.pop() as (error: Error | null, result?: unknown) => void;
            const payload = args[0];
            link.sent.push({ name, payload });
            const result = link.answer(name, payload);
            if (result === undefined) link.waiting.push({ name, ack });
            else queueMicrotask(() => ack(null, result));
          },
        };
      },
    } as unknown as ConsoleSocket,
    onEvent(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    close() {
      linkListeners.clear();
    },
    push(event, payload) {
      for (const handler of handlers.get(event) ?? []) handler(payload);
    },
    fire(event) {
      if (event.type === 'connected') state.connected = true;
      if (event.type === 'disconnected') state.connected = false;
      for (const listener of linkListeners) listener(event);
    },
  };
  return link;
}

/** An alarm sound that only counts; `setBlocked` plays the browser refusing (or allowing) audio. */
export function createFakeSound(): AlarmSound & { starts: number; unlocks: number; setBlocked(blocked: boolean): void } {
  let playing = false;
  let blocked = false;
  const listeners = new Set<(blocked: boolean) => void>();
  const setBlocked = (value: boolean) => {
    if (blocked === value) return;
    blocked = value;
    listeners.forEach((listener) => listener(value));
  };
  return {
    starts: 0,
    unlocks: 0,
    start() {
      if (!playing) this.starts += 1;
      playing = true;
    },
    stop() {
      playing = false;
    },
    get playing() {
      return playing;
    },
    get blocked() {
      return blocked;
    },
    probe() {},
    unlock() {
      this.unlocks += 1;
      setBlocked(false);
      return Promise.resolve();
    },
    onBlockedChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setBlocked,
  };
}

/** Frames the test runs by hand. */
export interface ManualFrames {
  nextFrame: (fn: () => void) => void;
  /** Runs the callbacks queued so far; answers how many ran. */
  run(): number;
}

/** Creates a frame scheduler the test drives. */
export function createManualFrames(): ManualFrames {
  let queue: (() => void)[] = [];
  return {
    nextFrame: (fn) => queue.push(fn),
    run() {
      const due = queue;
      queue = [];
      due.forEach((fn) => fn());
      return due.length;
    },
  };
}

/** An in-memory Storage. */
export function createMemoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

/** An incident API whose methods throw until the test replaces them. */
export function createFakeIncidentApi(overrides: Partial<IncidentApi> = {}): IncidentApi {
  const missing = (name: string) => () => Promise.reject(new Error(`${name} not faked`));
  return {
    detail: missing('detail'),
    users: missing('users'),
    services: missing('services'),
    addNote: missing('addNote'),
    addEvidence: missing('addEvidence'),
    pagePerson: missing('pagePerson'),
    escalate: missing('escalate'),
    acknowledge: missing('acknowledge'),
    resolve: missing('resolve'),
    setConfidential: missing('setConfidential'),
    ...overrides,
  };
}

/** Installs a fresh active Pinia on an app that provides both the console and the board services. */
export function installBoardTestPinia(services: ConsoleServices, board: BoardServices): void {
  const pinia = createPinia();
  createApp({}).provide(ServicesKey, services).provide(BoardServicesKey, board).use(pinia);
  setActivePinia(pinia);
}

/** Makes an open incident; `overrides` change any field. */
export function makeIncident(id: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    serviceId: 'rmm',
    teamId: 'noc',
    dedupKey: `dk-${id}`,
    status: 'triggered',
    priority: 'medium',
    severity: 'warning',
    summary: `Incident ${id}`,
    source: 'host-1',
    alertCount: 1,
    firstSeenAt: '2026-11-28T10:00:00.000Z',
    lastSeenAt: '2026-11-28T10:00:00.000Z',
    acknowledgedAt: null,
    resolvedAt: null,
    deferredUntil: null,
    escalation: 'running',
    triageVerdict: null,
    triageAssignee: null,
    forensicAssignee: null,
    confidential: false,
    links: [],
    externalRef: null,
    seq: 1,
    ...overrides,
  };
}

/** Makes a page of an incident; `overrides` change any field. */
export function makePage(id: string, incidentId: string, overrides: Partial<Page> = {}): Page {
  return {
    id,
    incidentId,
    pageKey: 'l1:ann',
    userId: 'ann',
    channel: 'push',
    state: 'sent',
    level: 1,
    attempts: 1,
    createdAt: '2026-11-28T10:00:01.000Z',
    sentAt: '2026-11-28T10:00:01.000Z',
    deliveredAt: null,
    readAt: null,
    error: null,
    ...overrides,
  };
}
