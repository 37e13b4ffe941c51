import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../../shared/schemas/alert.js';
import { ConnectWiseCallbackSchema } from '../../../shared/schemas/ingest/connectwise.js';
import { loadPayload } from '../../../tests/fixtures/payloads/load-payload.js';
import { fromConnectWise, severityForConnectWisePriority } from './from-connectwise.js';

const callback = (name: string) => ConnectWiseCallbackSchema.parse(loadPayload(name));

describe('fromConnectWise', () => {
  it('turns a new ticket into a trigger', () => {
    const alerts = fromConnectWise(callback('connectwise-ticket-added'));
    expect(alerts).toEqual([
      {
        action: 'trigger',
        dedupKey: 'cw-ticket-287451',
        summary: 'Exchange server EXCH01 not sending mail',
        severity: 'critical',
        source: 'ContosoLtd',
        labels: { board: 'Help Desk', status: 'New', company: 'ContosoLtd', priority: 'Priority 1 - Emergency Response' },
        links: [
          {
            href: 'https://na.myconnectwise.net/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=287451&companyName=contosomsp',
            text: 'Ticket',
          },
        ],
        externalRef: '287451',
        occurredAt: '2026-03-09T13:02:11.000Z',
        payload: expect.objectContaining({ Action: 'added', Entity: expect.objectContaining({ id: 287451 }) }),
      },
    ]);
    expect(AlertInputSchema.safeParse(alerts[0]).success).toBe(true);
  });

  it('keeps an updated open ticket as a trigger for the same key', () => {
    const [alert] = fromConnectWise(callback('connectwise-ticket-updated'));
    expect(alert).toMatchObject({ action: 'trigger', dedupKey: 'cw-ticket-287451', severity: 'error', labels: { status: 'In Progress' } });
  });

  it('resolves a closed ticket', () => {
    expect(fromConnectWise(callback('connectwise-ticket-closed'))[0]!.action).toBe('resolve');
  });

  it('resolves a ticket whose status reads resolved or completed even without closedFlag', () => {
    for (const status of ['Resolved', 'Completed - Awaiting Invoice']) {
      const body = callback('connectwise-ticket-updated');
      body.Entity = { ...body.Entity!, status: { name: status } };
      expect(fromConnectWise(body)[0]!.action).toBe('resolve');
    }
  });

  it('resolves a deleted ticket that comes without an Entity', () => {
    const [alert] = fromConnectWise(callback('connectwise-ticket-deleted'));
    expect(alert).toMatchObject({
      action: 'resolve',
      dedupKey: 'cw-ticket-287451',
      summary: 'ConnectWise ticket #287451 deleted',
      severity: 'info',
      source: 'connectwise',
      labels: {},
      externalRef: '287451',
    });
    expect(AlertInputSchema.safeParse(alert).success).toBe(true);
  });
});

describe('severityForConnectWisePriority', () => {
  it.each([
    ['Priority 1 - Critical', 'critical'],
    ['Priority 1 - Emergency Response', 'critical'],
    ['Priority 2 - High', 'error'],
    ['Priority 2 - Quick Response', 'error'],
    ['Priority 3 - Medium', 'warning'],
    ['Priority 3 - Normal Response', 'warning'],
    ['Priority 4 - Schedule Maintenance', 'info'],
    ['Priority 5 - Next Time', 'info'],
    ['P1', 'critical'],
    ['Emergency', 'critical'],
    ['High', 'error'],
    ['Low', 'info'],
    [undefined, 'info'],
  ])('maps %s to %s', (name, severity) => {
    expect(severityForConnectWisePriority(name)).toBe(severity);
  });
});
