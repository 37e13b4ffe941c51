/** The wallboard statistics: pure functions of store reads and the time. */
export { computeWallboardStats, WALLBOARD_LOOKBACK_MS, type WallboardInput } from './wallboard-stats.js';
export type { RunningEscalation } from './open-incidents.js';
export { CONFIDENTIAL_SUMMARY } from './wallboard-incident.js';
