import { WallboardStatsSchema, type WallboardStats } from '../../shared/schemas/wallboard.js';

/** Why fetching the statistics failed: the relay is away, refused the token, or answered nonsense. */
export type WallboardFailure = 'unreachable' | 'unauthorized' | 'bad-response';

/** A failed fetch of the wallboard statistics. */
export class WallboardError extends Error {
  /** What went wrong, for the status line. */
  readonly kind: WallboardFailure;

  /** Creates an error of `kind`. */
  constructor(kind: WallboardFailure, message: string) {
    super(message);
    this.name = 'WallboardError';
    this.kind = kind;
  }
}

/** Reads the wallboard statistics with a wallboard token. */
export type FetchWallboard = (relayUrl: string, token: string) => Promise<WallboardStats>;

/** Creates the statistics reader on `fetch` (injectable for tests). */
export function createWallboardApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): FetchWallboard {
  return async (relayUrl, token) => {
    let response: Response;
    try {
      response = await fetchImpl(`${relayUrl}/api/v1/stats/wallboard`, {
        headers: { accept: 'application/json', authorization: `Bearer ${token}` },
        cache: 'no-store',
        signal: AbortSignal.timeout(8000),
      });
    } catch {
      throw new WallboardError('unreachable', 'The relay is unreachable');
    }
    if (response.status === 401) throw new WallboardError('unauthorized', 'The relay does not accept this wallboard link');
    if (!response.ok) throw new WallboardError('unreachable', `The relay answered HTTP ${response.status}`);
    const parsed = WallboardStatsSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new WallboardError('bad-response', 'The relay sent statistics this wallboard does not understand');
    return parsed.data;
  };
}
