import { describe, expect, it } from 'vitest';
import { defaultReportForm, formFromQuery, queryFromForm, reportSearch, sameQuery } from './report-query.js';

describe('the Reports URL', () => {
  it('round-trips a range and filters', () => {
    const form = defaultReportForm();
    form.range = { preset: 'custom', fromDate: '2026-11-01', toDate: '2026-11-30' };
    form.filters = { team: 'noc', service: 'db', client: '', priority: 'high', responder: 'bob' };
    const query = queryFromForm(form);
    expect(query).toEqual({ range: 'custom', from: '2026-11-01', to: '2026-11-30', team: 'noc', service: 'db', priority: 'high', responder: 'bob' });
    expect(formFromQuery(query as Record<string, string>)).toEqual(form);
  });

  it('opens the last 30 days, unfiltered, without parameters', () => {
    expect(formFromQuery({})).toEqual(defaultReportForm());
    expect(queryFromForm(defaultReportForm())).toEqual({ range: 'last-30-days' });
  });

  it('drops what could not be valid instead of sending it', () => {
    const form = formFromQuery({ range: 'forever', team: 'NOC!', priority: 'urgent', client: ['acme', 'globex'], responder: 'x'.repeat(201) });
    expect(form).toEqual({ ...defaultReportForm(), filters: { ...defaultReportForm().filters, client: 'acme' } });
    expect(formFromQuery({ range: 'custom', from: '2026-02-30', to: '2026-03-01' }).range).toEqual({ preset: 'custom', toDate: '2026-03-01' });
    // Dates belong to custom ranges only.
    expect(formFromQuery({ range: 'last-7-days', from: '2026-03-01' }).range).toEqual({ preset: 'last-7-days' });
  });

  it('compares queries whatever the order of their keys', () => {
    expect(sameQuery({ range: 'custom', team: 'noc' }, { team: 'noc', range: 'custom' })).toBe(true);
    expect(sameQuery({ range: 'custom' }, { range: 'custom', team: 'noc' })).toBe(false);
  });

  it('writes the relay query with the instants and only the filters that are set', () => {
    const search = reportSearch(
      { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
      { team: 'noc', service: '', client: '', priority: 'low', responder: 'a b' },
    );
    expect(search).toBe('from=2026-11-01T00%3A00%3A00.000Z&to=2026-12-01T00%3A00%3A00.000Z&team=noc&priority=low&responder=a+b');
  });
});
