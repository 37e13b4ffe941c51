import { describe, expect, it } from 'vitest';
import { loadPayload } from '../../../tests/fixtures/payloads/load-payload.js';
import { ConnectWiseCallbackSchema } from './connectwise.js';
import { parseIngestBody } from './ingest-issues.js';

type Body = Record<string, unknown> & { Entity: string };

const added = () => loadPayload('connectwise-ticket-added') as Body;
const entity = () => JSON.parse(added().Entity) as Record<string, unknown>;

function issues(body: unknown) {
  const result = parseIngestBody(ConnectWiseCallbackSchema, body);
  return result.ok ? [] : result.issues;
}

describe('ConnectWiseCallbackSchema', () => {
  it.each(['connectwise-ticket-added', 'connectwise-ticket-updated', 'connectwise-ticket-closed', 'connectwise-ticket-deleted'])(
    'accepts the %s example',
    (name) => {
      expect(issues(loadPayload(name))).toEqual([]);
    },
  );

  it('parses the Entity text into a ticket and keeps unknown fields', () => {
    const parsed = ConnectWiseCallbackSchema.parse(added());
    expect(parsed.Entity).toMatchObject({
      id: 287451,
      summary: 'Exchange server EXCH01 not sending mail',
      priority: { name: 'Priority 1 - Emergency Response' },
      company: { identifier: 'ContosoLtd' },
      recordType: 'ServiceTicket',
    });
    expect(parsed).toMatchObject({ CallbackObjectRecId: 412, Metadata: { key_url: expect.any(String) } });
  });

  it('reports ticket errors under the Entity path', () => {
    const ticket = entity();
    ticket.priority = {};
    ticket.id = 'x';
    const found = issues({ ...added(), Entity: JSON.stringify(ticket) }).map((i) => i.path);
    expect(found).toEqual(['Entity.id', 'Entity.priority.name']);
  });

  it('reports Entity text that is not JSON', () => {
    expect(issues({ ...added(), Entity: '{"id": 1,' })).toEqual([
      { path: 'Entity', message: 'Entity must be a ticket written as JSON text' },
    ]);
  });

  it('requires an Entity unless the ticket was deleted', () => {
    expect(issues({ ...added(), Entity: null })).toEqual([{ path: 'Entity', message: 'required when Action is "added"' }]);
  });

  it('accepts only ticket callbacks, in any case', () => {
    expect(issues({ ...added(), Type: 'Ticket' })).toEqual([]);
    expect(issues({ ...added(), Type: 'contact' }).map((i) => i.path)).toEqual(['Type']);
  });

  it('names bad envelope fields', () => {
    expect(issues({ ...added(), Action: 'created', ID: '287451' }).map((i) => i.path)).toEqual(['Action', 'ID']);
  });
});
