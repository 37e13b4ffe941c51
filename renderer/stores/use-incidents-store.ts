import type { SnoozeAsk } from '../snooze/snooze-choices.js';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { CommandError, CommandResult } from '../../shared/schemas/command.js';
import type { Incident, TriageVerdict } from '../../shared/schemas/incident.js';
import type { Page } from '../../shared/schemas/page.js';
import type { Priority } from '../../shared/schemas/priority.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import type { BoardSnapshot } from '../../shared/socket-events.js';
import { applyChanges, type BoardChange, emptyIndex, fromSnapshot, type PagedPerson, pagedPeople } from '../board/board-merge.js';
import { useBoardServices } from '../board/board-services.js';
import type { RelayLink } from '../services/socket.js';

/** Where the board's data stands. */
export type BoardStatus = 'idle' | 'loading' | 'ready' | 'unreachable' | 'denied';

/** A live event other stores (the incident detail) follow; `resynced` follows a reconnect. */
export type LiveEvent =
  | { type: 'incident'; incident: Incident }
  | { type: 'timeline'; event: TimelineEvent }
  | { type: 'page'; page: Page }
  | { type: 'resynced' };

/** How long a command may take before the console calls the relay unreachable. */
export const COMMAND_TIMEOUT_MS = 10_000;
/** How long the board snapshot may take: thousands of open incidents on a relay busy with a storm. */
export const SNAPSHOT_TIMEOUT_MS = 30_000;
/** The first and the longest wait before the console asks again for a snapshot that failed. */
export const RETRY_FIRST_MS = 2_000;
export const RETRY_MAX_MS = 30_000;

const OFFLINE: CommandResult<never> = {
  ok: false,
  error: { code: 'unavailable', message: 'The relay cannot be reached right now; try again when the board is live.' },
};

type CommandName = 'incident:acknowledge' | 'incident:resolve' | 'incident:dismiss' | 'incident:set-priority' | 'incident:assign' | 'incident:verdict' | 'incident:snooze' | 'incident:unsnooze';

/**
 * The open incidents, live. On every (re)connect it asks the relay for a snapshot and rebuilds the
 * board from it plus the pushes that raced it, keeping each incident's highest `seq`, so a reconnect
 * neither loses nor duplicates a row. Pushes are buffered and applied at most once per frame, so a
 * burst of updates costs one re-render. A snapshot that fails (a relay busy with a storm answers
 * late) is asked for again, less and less often, until it comes. Commands go to the relay, which
 * authorises them.
 */
export const useIncidentsStore = defineStore('incidents', () => {
  const { nextFrame } = useBoardServices();

  const status = ref<BoardStatus>('idle');
  /** Why the board could not load, in words for the person at the console. */
  const loadError = ref<string | null>(null);
  /** The open incidents (a new array after every applied batch). */
  const incidents = shallowRef<readonly Incident[]>([]);
  /** Who was paged for each incident and how far their page got. */
  const paged = shallowRef<ReadonlyMap<string, readonly PagedPerson[]>>(new Map());
  /** How many snapshots the board has loaded (1 after the first connect, +1 per reconnect). */
  const syncCount = ref(0);
  /**
   * What the last applied batch changed: `version` counts batches, `ids` names the incidents of the
   * last one (null: everything, after a snapshot). The board view uses it to move only those rows.
   */
  const lastChange = shallowRef<{ version: number; ids: ReadonlySet<string> | null }>({ version: 0, ids: null });

  let index = emptyIndex();
  let buffered: BoardChange[] = [];
  let syncing = false;
  let frameQueued = false;
  let link: RelayLink | null = null;
  let unbind: (() => void)[] = [];
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = RETRY_FIRST_MS;
  const listeners = new Set<(event: LiveEvent) => void>();

  const notify = (event: LiveEvent) => listeners.forEach((listener) => listener(event));

  function publish(touched: ReadonlySet<string> | 'all', pagesTouched: ReadonlySet<string> | 'all'): void {
    incidents.value = [...index.incidents.values()];
    lastChange.value = { version: lastChange.value.version + 1, ids: touched === 'all' ? null : touched };
    // The pages summary is copied only when pages changed or incidents left (a copy costs a pass).
    const gone = touched === 'all' ? [] : [...touched].filter((id) => !index.incidents.has(id) && paged.value.has(id));
    if (pagesTouched !== 'all' && pagesTouched.size === 0 && gone.length === 0) return;
    const next = pagesTouched === 'all' ? new Map<string, readonly PagedPerson[]>() : new Map(paged.value);
    for (const id of pagesTouched === 'all' ? index.pages.keys() : [...pagesTouched, ...gone]) {
      const pages = index.pages.get(id);
      if (pages && index.incidents.has(id)) next.set(id, pagedPeople(pages.values()));
      else next.delete(id);
    }
    paged.value = next;
  }

  function flush(): void {
    frameQueued = false;
    if (syncing || buffered.length === 0) return;
    const batch = buffered;
    buffered = [];
    if (applyChanges(index, batch)) {
      const touched = new Set<string>();
      const pagesTouched = new Set<string>();
      for (const change of batch) {
        if (change.type === 'page') pagesTouched.add(change.page.incidentId);
        else touched.add(change.incident.id);
      }
      publish(touched, pagesTouched);
    }
  }

  function enqueue(change: BoardChange): void {
    buffered.push(change);
    if (!syncing && !frameQueued) {
      frameQueued = true;
      nextFrame(flush);
    }
  }

  function loaded(snapshot: BoardSnapshot): void {
    retryDelay = RETRY_FIRST_MS;
    index = fromSnapshot(snapshot, buffered);
    buffered = [];
    syncing = false;
    publish('all', 'all');
    status.value = 'ready';
    loadError.value = null;
    syncCount.value += 1;
    notify({ type: 'resynced' });
  }

  function failed(result: { error: CommandError } | null): void {
    syncing = false;
    if (result && result.error.code === 'forbidden') {
      if (status.value === 'ready') return;
      status.value = 'denied';
      loadError.value = result.error.message;
      return;
    }
    // A relay busy with a storm may answer late: ask again, less and less often, while connected.
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (link?.socket.connected && !syncing) resync();
    }, retryDelay);
    retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
    // Keep showing what we had; the connection banner tells the board may be stale.
    if (status.value === 'ready') return;
    status.value = 'unreachable';
    loadError.value = result ? result.error.message : 'The relay did not answer in time';
  }

  /** Asks the relay for the board; live pushes that arrive meanwhile wait for the answer. */
  function resync(): void {
    if (!link) return;
    clearTimeout(retryTimer);
    syncing = true;
    // While it asks again on its own, the board keeps saying the relay is not answering.
    if (status.value !== 'ready' && status.value !== 'unreachable') status.value = 'loading';
    link.socket.timeout(SNAPSHOT_TIMEOUT_MS).emit('board:subscribe', (error: Error | null, result?: CommandResult<BoardSnapshot>) => {
      if (error || !result) return failed(null);
      if (result.ok) loaded(result.value);
      else failed(result);
    });
  }

  /** Follows `next` (replacing any link followed before): resyncs now if connected and on every reconnect. */
  function attach(next: RelayLink): void {
    detach();
    link = next;
    const socket = next.socket;
    const onIncident = (incident: Incident) => {
      enqueue({ type: 'incident', incident });
      notify({ type: 'incident', incident });
    };
    const onPage = (page: Page) => {
      enqueue({ type: 'page', page });
      notify({ type: 'page', page });
    };
    const onTimeline = (event: TimelineEvent) => notify({ type: 'timeline', event });
    socket.on('incident:created', onIncident);
    socket.on('incident:updated', onIncident);
    socket.on('page:updated', onPage);
    socket.on('timeline:appended', onTimeline);
    const off = next.onEvent((event) => {
      if (event.type === 'connected') resync();
    });
    unbind = [
      off,
      () => {
        socket.off('incident:created', onIncident);
        socket.off('incident:updated', onIncident);
        socket.off('page:updated', onPage);
        socket.off('timeline:appended', onTimeline);
      },
    ];
    status.value = 'loading';
    if (socket.connected) resync();
  }

  /** Stops following the link and forgets the board. */
  function detach(): void {
    unbind.forEach((fn) => fn());
    unbind = [];
    link = null;
    clearTimeout(retryTimer);
    retryDelay = RETRY_FIRST_MS;
    index = emptyIndex();
    buffered = [];
    syncing = false;
    incidents.value = [];
    paged.value = new Map();
    lastChange.value = { version: lastChange.value.version + 1, ids: null };
    status.value = 'idle';
  }

  /** Subscribes to live events (for the incident detail); returns the unsubscribe function. */
  function onLive(listener: (event: LiveEvent) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Looks up an open incident by id. */
  function byId(id: string): Incident | undefined {
    return index.incidents.get(id);
  }

  function send(name: CommandName, payload: Record<string, unknown>): Promise<CommandResult<undefined>> {
    const socket = link?.socket;
    if (!socket?.connected) return Promise.resolve(OFFLINE);
    // The command names form a union, which the typed emit cannot take; the payloads match the event map.
    const timed = socket.timeout(COMMAND_TIMEOUT_MS) as unknown as {
      emit(event: CommandName, payload: unknown, ack: (error: Error | null, result?: CommandResult<undefined>) => void): void;
    };
    return new Promise((resolve) => timed.emit(name, payload, (error, result) => resolve(error || !result ? OFFLINE : result)));
  }

  return {
    status,
    loadError,
    incidents,
    paged,
    syncCount,
    lastChange,
    attach,
    detach,
    resync,
    onLive,
    byId,
    /** Acknowledges incidents. */
    acknowledge: (incidentIds: string[]) => send('incident:acknowledge', { incidentIds }),
    /** Resolves incidents. */
    resolve: (incidentIds: string[]) => send('incident:resolve', { incidentIds }),
    /** Dismisses incidents as false positives, with the reason (they resolve). */
    dismiss: (incidentIds: string[], reason: string) => send('incident:dismiss', { incidentIds, reason }),
    /** Changes incidents' priority. */
    setPriority: (incidentIds: string[], priority: Priority) => send('incident:set-priority', { incidentIds, priority }),
    /** Sets (or clears, with null) the triage or forensic assignee. */
    assign: (incidentIds: string[], role: 'triage' | 'forensic', userId: string | null) =>
      send('incident:assign', { incidentIds, role, userId }),
    /** Records a triage verdict without closing the incidents. */
    verdict: (incidentIds: string[], verdict: TriageVerdict) => send('incident:verdict', { incidentIds, verdict }),
    /** Snoozes acknowledged incidents for a duration (seconds) or until an instant (docs/snooze.md). */
    snooze: (incidentIds: string[], ask: SnoozeAsk) => send('incident:snooze', { incidentIds, ...ask }),
    /** Ends the snooze of incidents now; they stay acknowledged. */
    unsnooze: (incidentIds: string[]) => send('incident:unsnooze', { incidentIds }),
  };
});
