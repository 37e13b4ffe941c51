import type { FastifyInstance } from 'fastify';
import type { PostmortemRule } from '../shared/config/postmortem-config.js';
import type { Postmortem } from '../shared/schemas/postmortem.js';
import type { Log } from './adapters/log/create-logger.js';
import type { IncidentFeed } from './app/feed/incident-feed.js';
import { createPostmortemService, type PostmortemActor, type PostmortemService } from './app/postmortems/postmortem-service.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { Store } from './app/ports/store.js';
import { HttpError } from './transport/http/http-error.js';
import { registerPostmortemRoutes } from './transport/http/routes/postmortem-routes.js';
import type { ConsoleNamespace } from './transport/socket/create-socket-server.js';
import { attachPostmortemGateway, createPostmortemPush } from './transport/socket/postmortem-gateway.js';

/** What the post-mortem features need from the relay. */
export interface PostmortemFeatureDeps {
  app: FastifyInstance;
  console: ConsoleNamespace;
  store: Store;
  clock: Clock;
  log: Log;
  /** Committed incident changes: a resolve is where the rules ask for a post-mortem. */
  feed: IncidentFeed;
  /** The config file's rules that ask for a post-mortem (none without a config file). */
  rules?: readonly PostmortemRule[];
  audit?: AuditTrail;
}

/** The post-mortem features other features use (the exports). */
export interface PostmortemFeatures {
  readonly service: PostmortemService;
  /** A post-mortem as `user` may see it; throws a 404 `HttpError` when there is none or they may not see it. */
  load(user: PostmortemActor, id: string): Promise<Postmortem>;
}

/**
 * Wires post-mortems onto the relay (issue 14): the post-mortems API, the console's
 * `postmortem:edit` command, the `postmortem:updated` push under need-to-know, and the rules: when
 * the feed shows an incident resolved, a `due` post-mortem is created if a rule asks for one (once per
 * incident, across relays: an incident is in one post-mortem at most). Registers routes at once.
 */
export function wirePostmortemFeatures(deps: PostmortemFeatureDeps): PostmortemFeatures {
  const { app, store, clock, log, audit } = deps;
  const push = createPostmortemPush(deps.console, store, (error) => log.error({ err: error }, 'post-mortem push failed'));
  const service = createPostmortemService({ store, clock, audit, rules: deps.rules ?? [], onChanged: push });
  registerPostmortemRoutes(app, { postmortems: service });
  attachPostmortemGateway(deps.console, { postmortems: service, log });
  if (deps.rules?.length) {
    deps.feed.subscribe((change) => {
      if (change.type !== 'incident:updated' || change.incident.status !== 'resolved') return;
      service.ensureDue(change.incident.id).catch((error: unknown) => log.error({ err: error, incidentId: change.incident.id }, 'post-mortem rule failed'));
    });
  }
  return {
    service,
    async load(user, id) {
      const result = await service.load(user, id);
      if (!result.ok) throw new HttpError(404, result.error.message, result.error.field);
      return result.value;
    },
  };
}
