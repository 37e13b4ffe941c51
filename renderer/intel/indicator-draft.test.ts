import { describe, expect, it } from 'vitest';
import { IndicatorInputSchema } from '../../shared/schemas/intel.js';
import { bodyOfDraft, draftFieldOf, draftOfIndicator, draftOfObservable, emptyIndicatorDraft } from './indicator-draft.js';
import { indicator } from './testing/indicator-fixture.js';

describe('indicator drafts', () => {
  it('an observable becomes a draft with its type and value, the incident as source and link', () => {
    const draft = draftOfObservable({ type: 'domain', value: 'evil.example.com' }, 'inc_42');
    expect(draft).toMatchObject({ id: null, type: 'domain', value: 'evil.example.com', source: 'incident inc_42', incidentIds: ['inc_42'], visibility: 'team' });
    const made = bodyOfDraft(draft);
    expect('body' in made && IndicatorInputSchema.parse(made.body)).toMatchObject({ type: 'domain', value: 'evil.example.com', incidentIds: ['inc_42'], expiresAt: null });
  });

  it('round-trips a stored indicator: tags split and trimmed once each, expiry as an instant', () => {
    const draft = draftOfIndicator(indicator({ id: 'x', tags: ['c2', 'apt'], expiresAt: '2027-01-01T10:30:00.000Z', visibility: 'restricted' }));
    expect(draft.tags).toBe('c2, apt');
    draft.tags = ' c2, apt,, c2 , new ';
    const made = bodyOfDraft(draft);
    expect('body' in made && made.body).toMatchObject({ tags: ['c2', 'apt', 'new'], expiresAt: '2027-01-01T10:30:00.000Z', visibility: 'restricted' });
  });

  it('shows and reads the expiry on the viewer clock', () => {
    const draft = draftOfIndicator(indicator({ id: 'x', expiresAt: '2027-01-01T10:30:00.000Z' }), 'Asia/Kolkata');
    expect(draft.expiresAt).toBe('2027-01-01T16:00');
    const made = bodyOfDraft(draft, 'Asia/Kolkata');
    expect('body' in made && made.body.expiresAt).toBe('2027-01-01T10:30:00.000Z');
    const chatham = bodyOfDraft({ ...draft, expiresAt: '2027-01-01T16:00' }, 'Pacific/Chatham');
    expect('body' in chatham && chatham.body.expiresAt).toBe('2027-01-01T02:15:00.000Z');
  });

  it('refuses an expiry that is not a date, naming the field', () => {
    expect(bodyOfDraft({ ...emptyIndicatorDraft(), value: '1.2.3.4', expiresAt: 'soon' })).toEqual({ field: 'expiresAt', error: 'expiresAt: not a date and time' });
  });

  it('maps the relay\'s error paths to the dialog\'s fields', () => {
    expect(draftFieldOf('tags.2')).toBe('tags');
    expect(draftFieldOf('value')).toBe('value');
    expect(draftFieldOf('createdBy')).toBeNull();
    expect(draftFieldOf(undefined)).toBeNull();
  });
});
