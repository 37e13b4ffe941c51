import { describe, expect, it } from 'vitest';
import { businessMapTree, newProcess, processIdFor, sortAffected, unmappedServices } from './business-map.js';
import type { DraftProcess } from './client-draft.js';

const names: Record<string, string> = { erp: 'ERP', mail: 'Mail', vpn: 'VPN', files: 'File server' };
const nameOf = (id: string) => names[id] ?? id;
const process = (id: string, criticality: DraftProcess['criticality'], services: string[]): DraftProcess => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  criticality,
  services,
  description: '',
});

describe('businessMapTree', () => {
  it('puts critical processes first, keeps the client order among equals, and names the services', () => {
    const tree = businessMapTree(
      [process('invoicing', 'routine', ['mail']), process('payroll', 'critical', ['erp']), process('sales', 'routine', ['vpn'])],
      ['erp', 'mail', 'vpn'],
      nameOf,
    );
    expect(tree.map((p) => [p.id, p.index])).toEqual([
      ['payroll', 1],
      ['invoicing', 0],
      ['sales', 2],
    ]);
    expect(tree[0]!.services).toEqual([{ id: 'erp', name: 'ERP', sharedWith: [], foreign: false }]);
  });

  it('shows a service several processes share, and one that is not the client\'s', () => {
    const tree = businessMapTree(
      [process('payroll', 'critical', ['erp', 'vpn']), process('sales', 'important', ['erp', 'erp']), process('hr', 'routine', ['erp'])],
      ['erp'],
      nameOf,
    );
    const payroll = tree.find((p) => p.id === 'payroll')!;
    expect(payroll.services.find((s) => s.id === 'erp')!.sharedWith).toEqual(['Sales', 'Hr']);
    expect(payroll.services.find((s) => s.id === 'vpn')).toMatchObject({ foreign: true, sharedWith: [] });
    // A service listed twice under one process appears once.
    expect(tree.find((p) => p.id === 'sales')!.services).toHaveLength(1);
  });

  it('lists the client services no process depends on', () => {
    expect(unmappedServices([process('payroll', 'critical', ['erp'])], ['erp', 'mail', 'files'])).toEqual(['mail', 'files']);
  });
});

describe('process ids', () => {
  it('makes a slug from the name that no other process uses', () => {
    expect(processIdFor('Payroll & HR', [])).toBe('payroll-hr');
    expect(processIdFor('Payroll', ['payroll', 'payroll-2'])).toBe('payroll-3');
    expect(processIdFor('  ***  ', [])).toBe('process');
    expect(processIdFor('Über Büro', [])).toBe('uber-buro');
  });

  it('starts a new process as routine with no service', () => {
    expect(newProcess(' Order intake ', [process('order-intake', 'critical', [])])).toEqual({
      id: 'order-intake-2',
      name: 'Order intake',
      criticality: 'routine',
      services: [],
      description: '',
    });
  });
});

describe('sortAffected', () => {
  it('orders affected processes critical first, then by name', () => {
    const sorted = sortAffected([
      { clientId: 'acme', processId: 'b', name: 'Backups', criticality: 'routine' },
      { clientId: 'acme', processId: 'w', name: 'Web shop', criticality: 'critical' },
      { clientId: 'acme', processId: 'i', name: 'Invoicing', criticality: 'important' },
      { clientId: 'acme', processId: 'p', name: 'Payroll', criticality: 'critical' },
    ]);
    expect(sorted.map((p) => p.name)).toEqual(['Payroll', 'Web shop', 'Invoicing', 'Backups']);
  });
});
