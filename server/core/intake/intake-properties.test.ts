import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHttpLink } from '../../../shared/safe-link.js';
import { type AlertInput, AlertInputSchema } from '../../../shared/schemas/alert.js';
import { AlertmanagerWebhookSchema } from '../../../shared/schemas/ingest/alertmanager.js';
import { ConnectWiseCallbackSchema } from '../../../shared/schemas/ingest/connectwise.js';
import { EventsV2EventSchema } from '../../../shared/schemas/ingest/events-v2.js';
import { GrafanaWebhookSchema } from '../../../shared/schemas/ingest/grafana.js';
import { parseIngestBody } from '../../../shared/schemas/ingest/ingest-issues.js';
import { fromAlertmanager } from './from-alertmanager.js';
import { fromConnectWise } from './from-connectwise.js';
import { fromEmail } from './from-email.js';
import { fromEventsV2 } from './from-events-v2.js';
import { fromGrafana } from './from-grafana.js';
import { fromWebhook } from './from-webhook.js';

// Properties of the pure intake parsers, on generated input: whatever a source's schema accepts,
// its parser turns into alerts of the common form (within every limit, only http(s) links), one per
// alert sent, without throwing. Seeded and bounded so a run takes well under a second or two.

const PARAMS = { seed: 20261130, numRuns: 300 };

const json = fc.jsonValue({ maxDepth: 3 });
const or = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: json });
const text = fc.string({ maxLength: 1_500, unit: 'binary' });
const shortText = fc.string({ maxLength: 30, unit: 'binary' });
const timestamp = fc.oneof(fc.date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('2999-12-31') }).map((d) => d.toISOString()), fc.constant('0001-01-01T00:00:00Z'));
const labels = fc.dictionary(shortText, shortText, { maxKeys: 6 });
const href = fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'data:,x', 'file:///etc/passwd', ' https://x.example', 'vbscript:x'), shortText);

function expectAlertForm(alerts: readonly AlertInput[]): void {
  for (const alert of alerts) {
    expect(AlertInputSchema.safeParse(alert).success, JSON.stringify(alert).slice(0, 400)).toBe(true);
    for (const link of alert.links) expect(isHttpLink(link.href), link.href).toBe(true);
  }
}

const labelledAlert = fc.record(
  { status: fc.constantFrom('firing', 'resolved'), labels, annotations: fc.record({ summary: text, description: text, runbook_url: href }, { requiredKeys: [] }), startsAt: timestamp, endsAt: timestamp, generatorURL: href, fingerprint: fc.string({ minLength: 1, maxLength: 40 }), dashboardURL: href, panelURL: href, silenceURL: href, imageURL: href },
  { requiredKeys: ['status', 'labels', 'startsAt'] },
);

describe('intake parsers on generated input', () => {
  it('Alertmanager: one alert in the common form per alert the schema accepts', () => {
    const body = fc.record({ version: fc.constant('4'), status: fc.constantFrom('firing', 'resolved'), receiver: shortText, groupKey: shortText, alerts: fc.array(labelledAlert, { maxLength: 6 }), externalURL: href, commonLabels: labels });
    fc.assert(
      fc.property(body, (b) => {
        const parsed = parseIngestBody(AlertmanagerWebhookSchema, b);
        fc.pre(parsed.ok);
        if (!parsed.ok) return;
        const alerts = fromAlertmanager(parsed.value);
        expect(alerts).toHaveLength(b.alerts.length);
        expectAlertForm(alerts);
      }),
      PARAMS,
    );
  });

  it('Grafana: one alert in the common form per alert the schema accepts', () => {
    const body = fc.record({ version: fc.constant('1'), status: fc.constantFrom('firing', 'resolved'), alerts: fc.array(labelledAlert, { maxLength: 6 }), externalURL: href, title: text, message: text });
    fc.assert(
      fc.property(body, (b) => {
        const parsed = parseIngestBody(GrafanaWebhookSchema, b);
        fc.pre(parsed.ok);
        if (!parsed.ok) return;
        const alerts = fromGrafana(parsed.value);
        expect(alerts).toHaveLength(b.alerts.length);
        expectAlertForm(alerts);
      }),
      PARAMS,
    );
  });

  it('PagerDuty Events v2: one alert in the common form for any event the schema accepts', () => {
    const event = fc.record(
      {
        routing_key: fc.constant('0123456789abcdef0123456789abcdef'),
        event_action: fc.constantFrom('trigger', 'acknowledge', 'resolve'),
        dedup_key: fc.string({ minLength: 1, maxLength: 255 }),
        payload: fc.record({ summary: fc.string({ minLength: 1, maxLength: 1024 }), source: fc.string({ minLength: 1, maxLength: 255 }), severity: fc.constantFrom('critical', 'error', 'warning', 'info'), timestamp, custom_details: json }, { requiredKeys: ['summary', 'source', 'severity'] }),
        links: fc.array(fc.record({ href, text: shortText }, { requiredKeys: ['href'] }), { maxLength: 4 }),
        client_url: href,
      },
      { requiredKeys: ['routing_key', 'event_action'] },
    );
    fc.assert(
      fc.property(event, (e) => {
        const parsed = parseIngestBody(EventsV2EventSchema, e);
        fc.pre(parsed.ok);
        if (!parsed.ok) return;
        const alerts = fromEventsV2(parsed.value, 'f'.repeat(32));
        expect(alerts).toHaveLength(1);
        expectAlertForm(alerts);
      }),
      PARAMS,
    );
  });

  it('ConnectWise: one alert in the common form for any callback the schema accepts', () => {
    const ticket = fc.record({ id: fc.integer(), summary: text, status: fc.record({ name: shortText }), priority: fc.record({ name: shortText }), company: fc.record({ identifier: shortText, name: shortText }, { requiredKeys: [] }), closedFlag: fc.boolean() }, { requiredKeys: [] });
    const callback = fc.record({ Type: fc.constant('ticket'), ID: fc.integer(), Action: fc.constantFrom('added', 'updated', 'deleted'), FromUrl: href, CompanyId: shortText, Entity: ticket.map((t) => JSON.stringify(t)) }, { requiredKeys: ['Type', 'ID', 'Action'] });
    fc.assert(
      fc.property(callback, (c) => {
        const parsed = parseIngestBody(ConnectWiseCallbackSchema, c);
        fc.pre(parsed.ok);
        if (!parsed.ok) return;
        const alerts = fromConnectWise(parsed.value);
        expect(alerts).toHaveLength(1);
        expectAlertForm(alerts);
      }),
      PARAMS,
    );
  });

  it('generic webhook: any JSON body is either one alert in the common form or an error naming a field, never a throw', () => {
    const mapping = { summary: '$.title', severity: '$.level', dedupKey: '$.id' };
    const body = fc.oneof(json, fc.record({ title: or(text), level: or(fc.constantFrom('critical', 'warning', 'info', 'bogus')), id: or(shortText) }, { requiredKeys: [] }));
    fc.assert(
      fc.property(body, (b) => {
        const outcome = fromWebhook(b, mapping);
        if (outcome.ok) expectAlertForm(outcome.alerts);
        else expect(outcome.error.field).toMatch(/\S/);
      }),
      PARAMS,
    );
  });

  it('e-mail: any mail gives one trigger alert in the common form', () => {
    const mail = fc.record(
      { subject: text, text, from: fc.string({ minLength: 1, maxLength: 200 }), messageId: shortText, references: fc.oneof(shortText, fc.array(shortText, { maxLength: 3 })), inReplyTo: shortText, dedupPattern: fc.constantFrom(undefined, 'INC-(\\d+)', '[') },
      { requiredKeys: ['subject', 'text', 'from'] },
    );
    fc.assert(
      fc.property(mail, (m) => {
        const alerts = fromEmail(m);
        expect(alerts).toHaveLength(1);
        expect(alerts[0]!.action).toBe('trigger');
        expectAlertForm(alerts);
      }),
      PARAMS,
    );
  });
});
