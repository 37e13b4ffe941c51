import { describe, expect, it } from 'vitest';
import type { StatusSubscriber } from '../../../shared/schemas/status-update.js';
import { statusRecipients } from './status-recipients.js';

const sub = (id: string, scope: 'service' | 'client', scopeId: string, email: string): StatusSubscriber => ({ id, name: id, scope, scopeId, email, createdAt: '2026-12-01T00:00:00Z' });

describe('statusRecipients', () => {
  const subscribers = [sub('a', 'service', 'mail', 'a@x.example'), sub('b', 'client', 'acme', 'b@acme.example'), sub('c', 'client', 'acme', 'A@X.example'), sub('d', 'service', 'web', 'd@x.example')];

  it('takes the subscribers of the service and of the client, each address once', () => {
    expect(statusRecipients(subscribers, { serviceId: 'mail', clientId: 'acme' })).toEqual(['a@x.example', 'b@acme.example']);
  });

  it('takes no client subscribers for an incident without a client', () => {
    expect(statusRecipients(subscribers, { serviceId: 'web', clientId: null })).toEqual(['d@x.example']);
    expect(statusRecipients(subscribers, { serviceId: 'other' })).toEqual([]);
  });
});
