import { describe, expect, it } from 'vitest';
import { ClientSchema } from '../../shared/schemas/client.js';
import { checkClientDraft, emptyClientDraft, errorsUnder, toClientDraft, toClientInput } from './client-draft.js';

const acme = ClientSchema.parse({
  id: 'acme',
  name: 'Acme Corp',
  connectwise: { companyId: 250, identifier: 'AcmeCorp' },
  contacts: [{ name: 'Rita Ops', role: 'IT lead', email: 'rita@acme.example', phone: '+44 20 7946 0000' }],
  timeZone: 'Europe/London',
  businessHours: { days: ['mon', 'tue'], start: '08:00', end: '18:00' },
  holidays: ['2026-12-25', '2026-12-26'],
  notes: 'Call Rita first.',
  services: ['erp', 'mail'],
  processes: [{ id: 'payroll', name: 'Payroll', criticality: 'critical', services: ['erp'] }],
  match: { connectwiseCompanies: ['AcmeCorp', 'Acme Corp Ltd'], labels: { customer: '(?i)acme' }, emailDomains: ['acme.example'] },
});

describe('client drafts', () => {
  it('turns a client into a draft and back without losing anything', () => {
    const check = checkClientDraft(toClientDraft(acme));
    expect(check).toEqual({ ok: true, client: acme });
  });

  it('leaves empty optional fields out of the body', () => {
    const draft = { ...emptyClientDraft(), id: 'globex', name: 'Globex' };
    expect(toClientInput(draft)).toEqual({ id: 'globex', name: 'Globex', contacts: [], holidays: [], services: [], processes: [] });
  });

  it('names each wrong field by its path with the shared schema\'s message', () => {
    const draft = {
      ...toClientDraft(acme),
      id: 'Not A Slug',
      name: ' ',
      companyId: 'abc',
      timeZone: 'Mars/Olympus',
      start: '25:00',
      holidays: '2026-12-25, tomorrow',
      matchDomains: 'acme',
      matchLabels: 'customer=(unclosed',
    };
    draft.contacts = [{ name: 'Rita', role: '', email: 'rita-at-acme', phone: '' }];
    draft.processes = [{ id: 'payroll', name: '', criticality: 'critical', services: ['erp'], description: '' }];
    const check = checkClientDraft(draft);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(
      [
        'id',
        'name',
        'connectwise.companyId',
        'contacts.0.email',
        'timeZone',
        'businessHours.start',
        'holidays.1',
        'processes.0.name',
        'match.labels.customer',
        'match.emailDomains.0',
      ].sort(),
    );
    expect(check.errors.timeZone).toMatch(/IANA time zone/);
    expect(check.errors['match.emailDomains.0']).toMatch(/acme\.example/);
  });

  it('collects the messages at and under a field, the relay\'s as they are', () => {
    const errors = {
      'processes.0.services.1': 'processes.0.services.1: unknown service "x"',
      'processes.0.name': 'Too small',
      'processes.1.name': 'Too small',
      processesX: 'other',
    };
    expect(errorsUnder(errors, 'processes.0')).toEqual(['processes.0.services.1: unknown service "x"', 'name: Too small']);
    expect(errorsUnder(errors, 'processes.1.name')).toEqual(['Too small']);
  });
});
