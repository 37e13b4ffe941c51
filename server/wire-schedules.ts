import type { FastifyInstance } from 'fastify';
import type { SwapRequest } from '../shared/schemas/swap.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { Store } from './app/ports/store.js';
import { createCalendarFeeds } from './app/schedules/calendar-feeds.js';
import { createFairOnCall } from './app/schedules/fair-on-call.js';
import { createScheduleEditing } from './app/schedules/schedule-editing.js';
import { createSwapService } from './app/schedules/swap-service.js';
import type { Settings } from './settings.js';
import { registerCalendarFeedRoutes } from './transport/http/routes/calendar-feed-routes.js';
import { registerScheduleRoutes } from './transport/http/routes/schedule-routes.js';
import { registerSwapRoutes } from './transport/http/routes/swap-routes.js';
import type { ConsoleNamespace } from './transport/socket/create-socket-server.js';

/** What the schedule features need from the relay. */
export interface ScheduleFeatureDeps {
  app: FastifyInstance;
  console: ConsoleNamespace;
  store: Store;
  clock: Clock;
  settings: Settings;
  /** The audit trail for schedule edits and feed renewals (records nothing when absent). */
  audit?: AuditTrail;
}

/**
 * Wires the schedule calendar onto the relay: the schedules API (calendar lines, editing, overrides,
 * fair on-call), shift swaps with a live `swap:updated` push to both people's consoles (their
 * `user:<id>` rooms), and the iCalendar feeds. Registers routes at once (before `listen`).
 */
export function wireScheduleFeatures(deps: ScheduleFeatureDeps): void {
  const { app, store, clock, settings, audit } = deps;
  const notify = (swap: SwapRequest) => {
    deps.console.to([`user:${swap.requester}`, `user:${swap.target}`]).emit('swap:updated', swap);
  };
  registerScheduleRoutes(app, { editing: createScheduleEditing({ store, clock, audit }), fairness: createFairOnCall({ store, clock }) });
  registerSwapRoutes(app, { swaps: createSwapService({ store, clock, notify }) });
  registerCalendarFeedRoutes(app, { feeds: createCalendarFeeds({ store, clock, audit }), publicUrl: () => settings.publicUrl });
}
