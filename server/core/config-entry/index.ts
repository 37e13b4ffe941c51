export { decideEntry, sourceOf, type EntryDecision, type EntryState } from './decide-entry.js';
