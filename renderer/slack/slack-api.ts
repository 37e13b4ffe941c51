import { z } from 'zod';
import {
  SlackConnectionStatusSchema,
  SlackLinkCodeSchema,
  SlackLinkStatusSchema,
  type SlackConnectionStatus,
  type SlackLinkCode,
  type SlackLinkStatus,
} from '../../shared/schemas/slack.js';
import { relayGetJson, relaySendJson, type RelayAuth, type RelayRequestOptions } from '../services/relay-request.js';

/** The relay's Slack endpoints as the console uses them. */
export interface SlackApi {
  linkStatus(auth: RelayAuth): Promise<SlackLinkStatus>;
  /** A new one-time code to send as `/klaxon link CODE` in Slack. */
  newCode(auth: RelayAuth): Promise<SlackLinkCode>;
  unlink(auth: RelayAuth): Promise<boolean>;
  /** The connection (admins only). */
  connection(auth: RelayAuth): Promise<SlackConnectionStatus>;
}

/** Creates the API over `fetch` (tests pass a fake in `options`). */
export function createSlackApi(options: RelayRequestOptions = {}): SlackApi {
  return {
    linkStatus: (auth) => relayGetJson(auth, '/api/v1/me/slack', SlackLinkStatusSchema, options),
    newCode: (auth) => relaySendJson(auth, 'POST', '/api/v1/me/slack/link-code', {}, SlackLinkCodeSchema, options),
    unlink: async (auth) => (await relaySendJson(auth, 'DELETE', '/api/v1/me/slack', undefined, z.object({ unlinked: z.boolean() }), options)).unlinked,
    connection: (auth) => relayGetJson(auth, '/api/v1/slack/status', SlackConnectionStatusSchema, options),
  };
}
