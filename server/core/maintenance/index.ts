export * from './occurrences.js';
export * from './window-match.js';
export * from './window-state.js';
export * from './maintenance-set.js';
