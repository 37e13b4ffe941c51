import type { FastifyInstance } from 'fastify';
import { createConnectWiseClient } from './adapters/connectwise/connectwise-client.js';
import { createSecretBox } from './adapters/connectwise/secret-box.js';
import type { Log } from './adapters/log/create-logger.js';
import { createAddressGuard } from './adapters/outbound/address-guard.js';
import { createOutboundFetch } from './adapters/outbound/outbound-fetch.js';
import { postmortemPdf } from './adapters/pdf/postmortem-pdf.js';
import { createPostmortemExports, type PostmortemLoader } from './app/postmortem-export/postmortem-exports.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Store } from './app/ports/store.js';
import type { Settings } from './settings.js';
import { registerPostmortemExportRoutes } from './transport/http/routes/postmortem-export-routes.js';

/** What the post-mortem exports need from the relay. */
export interface PostmortemExportFeatureDeps {
  app: FastifyInstance;
  store: Store;
  log: Log;
  settings: Settings;
  /** Reads a post-mortem for a person (404 when missing or not theirs to know), from the post-mortem features. */
  load: PostmortemLoader;
  /** The link to an incident in Klaxon (the relay's public URL when set). */
  incidentUrl: (incidentId: string) => string;
  audit?: AuditTrail;
  /** Where ConnectWise keys named by environment variables are read; `process.env` by default. */
  env?: Record<string, string | undefined>;
}

/**
 * Wires the post-mortem exports (issue 14): the Markdown and PDF downloads and the ConnectWise ticket
 * note, whose calls go through the relay's outbound fetch (address guard `KLAXON_OUTBOUND_ALLOW`)
 * with the connections' keys read as the sync reads them. Registers routes at once (before `listen`).
 */
export function wirePostmortemExportFeatures(deps: PostmortemExportFeatureDeps): void {
  const { settings, log } = deps;
  const api = createConnectWiseClient({ fetch: createOutboundFetch({ guard: createAddressGuard(settings.outboundAllow ?? []), log }) });
  const exports = createPostmortemExports({
    load: deps.load,
    store: deps.store,
    renderPdf: (pm, names) => postmortemPdf(pm, names),
    connectwise: { api, box: createSecretBox(settings.secretKey), env: deps.env ?? process.env },
    incidentUrl: deps.incidentUrl,
    audit: deps.audit,
  });
  registerPostmortemExportRoutes(deps.app, { exports });
}
