import { describe, expect, it } from 'vitest';
import { refusedField } from './field-error.js';

describe('refusedField', () => {
  it('matches the named input and the inputs inside it', () => {
    expect(refusedField('email', 'email')).toBe(true);
    expect(refusedField('businessHours.start', 'businessHours')).toBe(true);
    expect(refusedField('businessHours.start', 'businessHours.start')).toBe(true);
  });

  it('does not match other inputs, prefixes of names or no field at all', () => {
    expect(refusedField('emailAddress', 'email')).toBe(false);
    expect(refusedField('name', 'email')).toBe(false);
    expect(refusedField(null, 'email')).toBe(false);
    expect(refusedField(undefined, 'email')).toBe(false);
  });
});
