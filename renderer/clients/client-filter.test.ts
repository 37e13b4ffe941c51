import { describe, expect, it } from 'vitest';
import { emptyFilter, incidentMatcher, isFiltering } from '../board/board-query.js';
import { makeIncident } from '../board/testing/board-fakes.js';
import { anyHasClient, clientIdOf } from './client-of.js';
import { clientsFromQuery, queryWithClients } from './use-client-filter-url.js';

const withClient = (id: string, clientId: string | null) => ({ ...makeIncident(id), clientId });

describe('the board\'s client filter', () => {
  it('passes only incidents of the chosen clients; an empty choice passes all', () => {
    const incidents = [withClient('a', 'acme'), withClient('b', 'globex'), withClient('c', null), makeIncident('d')];
    const nameOf = (id: string) => id;
    expect(incidents.filter(incidentMatcher(emptyFilter(), nameOf)).map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
    const filter = { ...emptyFilter(), clients: ['acme', 'globex'] };
    expect(isFiltering(filter)).toBe(true);
    expect(incidents.filter(incidentMatcher(filter, nameOf)).map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('reads an incident without clientId as having no client', () => {
    expect(clientIdOf(makeIncident('x'))).toBeNull();
    expect(anyHasClient([makeIncident('x'), withClient('y', null)])).toBe(false);
    expect(anyHasClient([makeIncident('x'), withClient('y', 'acme')])).toBe(true);
  });

  it('keeps the client filter in the URL query beside other parameters', () => {
    expect(clientsFromQuery({ client: 'acme' })).toEqual(['acme']);
    expect(clientsFromQuery({ client: ['acme', 'globex', 'acme', null, ''] })).toEqual(['acme', 'globex']);
    expect(clientsFromQuery({ client: 'x'.repeat(65) })).toEqual([]);
    expect(clientsFromQuery({})).toEqual([]);
    expect(queryWithClients({ other: '1', client: 'old' }, ['acme', 'globex'])).toEqual({ other: '1', client: ['acme', 'globex'] });
    expect(queryWithClients({ other: '1', client: 'old' }, [])).toEqual({ other: '1' });
  });
});
