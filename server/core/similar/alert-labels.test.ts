import { describe, expect, it } from 'vitest';
import { alertLabels } from './alert-labels.js';

describe('alertLabels', () => {
  it('reads the labels each integration keeps in its payload', () => {
    expect(alertLabels('alertmanager', { status: 'firing', alert: { labels: { alertname: 'DiskFull', instance: 'db-1', n: 3 } } })).toEqual({
      alertname: 'DiskFull',
      instance: 'db-1',
    });
    expect(alertLabels('grafana', { alert: { labels: { rule: 'cpu' } } })).toEqual({ rule: 'cpu' });
    expect(alertLabels('events-v2', { payload: { summary: 's', component: 'mysql', group: 'prod', class: ' ', other: 'x' } })).toEqual({
      component: 'mysql',
      group: 'prod',
    });
    expect(alertLabels('connectwise', { Entity: { board: { name: 'NOC' }, company: { identifier: 'acme' }, status: { name: 'New' } } })).toEqual({
      board: 'NOC',
      status: 'New',
      company: 'acme',
    });
  });

  it('finds none in e-mail, webhooks, missing or malformed payloads, and bounds what a hostile one carries', () => {
    expect(alertLabels('email', { subject: 'x' })).toEqual({});
    expect(alertLabels('alertmanager', null)).toEqual({});
    expect(alertLabels('alertmanager', { alert: ['x'] })).toEqual({});
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`l${i}`, 'v'.repeat(1000)]));
    const labels = alertLabels('alertmanager', { alert: { labels: many } });
    expect(Object.keys(labels)).toHaveLength(64);
    expect(labels.l0).toHaveLength(256);
  });
});
