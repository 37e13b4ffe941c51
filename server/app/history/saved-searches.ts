import { randomUUID } from 'node:crypto';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { SavedSearch, SavedSearchInput } from '../../../shared/schemas/history.js';
import type { KnowRequester } from '../../core/access/need-to-know.js';
import { type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { StoreSession } from '../ports/store.js';
import { storeSearch } from './history-search.js';
import { parseHistoryQueryString } from './history-query.js';

/** Most searches one person keeps. */
export const MAX_SAVED_SEARCHES = 100;

/** Who saves, lists or removes searches. */
export interface SavedSearchActor extends KnowRequester {
  address?: string | null;
}

/** Saved history searches: each person's own, and shared ones everyone sees. */
export interface SavedSearches {
  list(who: SavedSearchActor): Promise<SavedSearch[]>;
  /** Saves a search whose query parses as a history search (without a cursor); audited. */
  create(who: SavedSearchActor, input: SavedSearchInput): Promise<CommandResult<SavedSearch>>;
  /** Removes one: its owner may, and admins and IR managers may remove shared ones; audited. */
  remove(who: SavedSearchActor, id: string): Promise<CommandResult<undefined>>;
}

const refuse = (code: 'invalid' | 'forbidden' | 'not_found' | 'conflict', message: string, field?: string): CommandResult<never> => ({
  ok: false,
  error: { code, message, ...(field ? { field } : {}) },
});

/** Builds the saved-search use cases on the store. */
export function createSavedSearches(deps: { store: Pick<StoreSession, 'listSavedSearches' | 'getSavedSearch' | 'insertSavedSearch' | 'deleteSavedSearch'>; clock: Clock; audit?: AuditTrail }): SavedSearches {
  const audit = deps.audit ?? noAuditTrail;
  return {
    list: (who) => deps.store.listSavedSearches(who.userId),

    async create(who, input) {
      const query = input.query.replace(/^\?/, '');
      const parsed = parseHistoryQueryString(query);
      if (!parsed.ok) return refuse('invalid', `query: ${parsed.error.message}`, `query.${parsed.error.field}`);
      if (parsed.value.cursor !== undefined) return refuse('invalid', 'query.cursor: a saved search starts at the first page', 'query.cursor');
      const checked = storeSearch(parsed.value, who);
      if (!checked.ok) return refuse('invalid', `query: ${checked.error.message}`, `query.${checked.error.field}`);
      const own = (await deps.store.listSavedSearches(who.userId)).filter((s) => s.ownerId === who.userId);
      if (own.length >= MAX_SAVED_SEARCHES) return refuse('conflict', `you keep ${MAX_SAVED_SEARCHES} saved searches already; remove one first`);
      const saved: SavedSearch = {
        id: randomUUID(),
        name: input.name,
        query,
        ownerId: who.userId,
        shared: input.shared,
        createdAt: deps.clock.now().toISOString(),
      };
      await deps.store.insertSavedSearch(saved);
      await audit.record({
        action: 'saved-search.created',
        actorId: who.userId,
        address: who.address ?? null,
        subject: { kind: 'saved-search', id: saved.id },
        details: { name: saved.name, shared: saved.shared },
      });
      return { ok: true, value: saved };
    },

    async remove(who, id) {
      const saved = await deps.store.getSavedSearch(id);
      // Someone else's private search answers as if it did not exist.
      if (!saved || (!saved.shared && saved.ownerId !== who.userId)) return refuse('not_found', 'no such saved search', 'id');
      if (saved.ownerId !== who.userId && who.role !== 'admin' && who.role !== 'ir-manager') {
        return refuse('forbidden', `removing someone else's shared search needs the role ir-manager or admin; you are ${who.role}`);
      }
      await deps.store.deleteSavedSearch(id);
      await audit.record({
        action: 'saved-search.deleted',
        actorId: who.userId,
        address: who.address ?? null,
        subject: { kind: 'saved-search', id },
        details: { name: saved.name, ownerId: saved.ownerId },
      });
      return { ok: true, value: undefined };
    },
  };
}
