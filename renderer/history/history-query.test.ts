import { describe, expect, it } from 'vitest';
import {
  dayOfInstant,
  defaultHistoryForm,
  formFromQuery,
  formFromSearchText,
  instantOfDay,
  isNarrowed,
  queryFromForm,
  relaySearch,
  sameQuery,
  searchText,
} from './history-query.js';

describe('the History URL and the search', () => {
  it('reads a link into a search and writes the same link back', () => {
    const query = { q: 'disk', status: 'resolved', priority: 'high', client: 'acme', service: 'db', team: 'noc', verdict: 'none', assignee: 'bob', from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', sort: 'oldest' };
    const form = formFromQuery(query);
    expect(form).toMatchObject(query);
    expect(queryFromForm(form)).toEqual(query);
    expect(Object.keys(queryFromForm(form))).toEqual(['q', 'status', 'priority', 'client', 'service', 'team', 'verdict', 'assignee', 'from', 'to', 'sort']);
  });

  it('searches every status when the link names none, and says so in the URL', () => {
    expect(formFromQuery({ q: 'disk' }).status).toBe('any');
    expect(queryFromForm(formFromQuery({ q: 'disk' }))).toEqual({ q: 'disk', status: 'any' });
    expect(queryFromForm(formFromQuery({}))).toEqual({ status: 'any' });
  });

  it('drops keys it does not know, trims the words and takes the first of repeated values', () => {
    const form = formFromQuery({ q: '  disk full ', foo: 'bar', cursor: 'c9', priority: ['low', 'high'], team: null });
    expect(queryFromForm(form)).toEqual({ q: 'disk full', status: 'any', priority: 'low' });
    expect(sameQuery(queryFromForm(form), { q: '  disk full ', foo: 'bar' })).toBe(false);
  });

  it('keeps a value the relay will refuse, so its 400 can name the filter', () => {
    expect(queryFromForm(formFromQuery({ from: 'last tuesday', priority: 'urgent' }))).toEqual({ status: 'any', priority: 'urgent', from: 'last tuesday' });
  });

  it('compares queries regardless of key order', () => {
    expect(sameQuery({ q: 'a', status: 'any' }, { status: 'any', q: 'a' })).toBe(true);
    expect(sameQuery({ q: 'a' }, { q: 'b' })).toBe(false);
    expect(sameQuery({ q: 'a', x: undefined }, { q: 'a' })).toBe(true);
  });

  it('stores a search as the query string of its URL and reads it back', () => {
    const form = { ...defaultHistoryForm(), q: 'disk & db', status: 'resolved', service: 'db' };
    expect(searchText(form)).toBe('q=disk+%26+db&status=resolved&service=db');
    expect(formFromSearchText(searchText(form))).toEqual(form);
    expect(formFromSearchText('?q=x')).toMatchObject({ q: 'x', status: 'any' });
  });

  it('asks the relay with the cursor and page size added', () => {
    const form = { ...defaultHistoryForm(), q: 'disk' };
    expect(relaySearch(form, null, 50)).toBe('q=disk&status=any&limit=50');
    expect(relaySearch(form, 'abc=', 50)).toBe('q=disk&status=any&cursor=abc%3D&limit=50');
  });

  it('tells a narrowed search from the plain history', () => {
    expect(isNarrowed(defaultHistoryForm())).toBe(false);
    expect(isNarrowed({ ...defaultHistoryForm(), sort: 'oldest' })).toBe(false);
    expect(isNarrowed({ ...defaultHistoryForm(), status: 'resolved' })).toBe(true);
    expect(isNarrowed({ ...defaultHistoryForm(), verdict: 'none' })).toBe(true);
  });
});

describe('date filters', () => {
  it('sends the start of the first day and the start of the day after the last', () => {
    expect(instantOfDay('2026-11-01', 'from', 'Europe/Berlin')).toBe('2026-10-31T23:00:00.000Z');
    expect(instantOfDay('2026-11-30', 'to', 'Europe/Berlin')).toBe('2026-11-30T23:00:00.000Z');
    expect(instantOfDay('2026-03-28', 'to', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(instantOfDay('', 'from', 'UTC')).toBe('');
    expect(instantOfDay('2026-02-30', 'from', 'UTC')).toBe('');
  });

  it('shows the days back in the pickers, and nothing for a value that is no instant', () => {
    expect(dayOfInstant('2026-10-31T23:00:00.000Z', 'from', 'Europe/Berlin')).toBe('2026-11-01');
    expect(dayOfInstant('2026-11-30T23:00:00.000Z', 'to', 'Europe/Berlin')).toBe('2026-11-30');
    expect(dayOfInstant('2026-11-30T12:00:00Z', 'to', 'UTC')).toBe('2026-11-30');
    expect(dayOfInstant('last tuesday', 'from', 'UTC')).toBe('');
  });
});
