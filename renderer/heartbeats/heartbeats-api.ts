import { HeartbeatListSchema, type HeartbeatView } from '../../shared/schemas/heartbeat.js';

/** The console's call for heartbeat monitors. */
export interface HeartbeatsApi {
  /** `GET /api/v1/heartbeats`, checked with the shared schema. */
  list(): Promise<HeartbeatView[]>;
}

/** Calls the heartbeats API of the relay at `relayUrl` with the console's login token. */
export function createHeartbeatsApi(relayUrl: string, token: string, fetchFn: typeof fetch = (...args) => fetch(...args)): HeartbeatsApi {
  return {
    async list() {
      let response: Response;
      try {
        response = await fetchFn(`${relayUrl}/api/v1/heartbeats`, { headers: { authorization: `Bearer ${token}` } });
      } catch {
        throw new Error('The relay cannot be reached.');
      }
      const json = (await response.json().catch(() => ({}))) as { error?: string };
      if (!response.ok) throw new Error(json.error ?? `The relay answered ${response.status}`);
      const parsed = HeartbeatListSchema.safeParse(json);
      if (!parsed.success) throw new Error('The relay sent a heartbeat list this console cannot read.');
      return parsed.data.heartbeats;
    },
  };
}
