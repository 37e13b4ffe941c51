import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { Client } from '../../../shared/schemas/client.js';
import { compilePattern } from '../../../shared/schemas/pattern.js';
import type { IntegrationType } from '../../../shared/schemas/service.js';

/** Where an alert came from and what it says, as far as client mapping reads it. */
export interface AlertOrigin {
  serviceId: string;
  integrationType: IntegrationType;
  alert: Pick<AlertInput, 'labels' | 'source' | 'payload'>;
}

/** A client's match rules, compiled once: a test that tells whether an alert is the client's. */
export type ClientMatcher = (origin: AlertOrigin) => boolean;

const lower = (text: string) => text.trim().toLowerCase();

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The ConnectWise company names an alert carries: its ticket's company identifier and name
 * (ConnectWise integrations only), and a `company` or `client` label (any source). A callback's
 * `CompanyId` is not one: it names the MSP's own ConnectWise login company, the same on every callback.
 */
export function alertCompanies(origin: AlertOrigin): { names: string[]; ids: number[] } {
  const names: string[] = [];
  const ids: number[] = [];
  const { labels, payload } = origin.alert;
  for (const name of ['company', 'client']) if (Object.hasOwn(labels, name) && labels[name]) names.push(labels[name]!);
  if (origin.integrationType === 'connectwise') {
    const callback = record(payload);
    const company = record(record(callback?.Entity)?.company);
    if (typeof company?.identifier === 'string') names.push(company.identifier);
    if (typeof company?.name === 'string') names.push(company.name);
    if (typeof company?.id === 'number') ids.push(company.id);
  }
  return { names: names.map(lower), ids };
}

/** The domain of an e-mail alert's sender (its source is the sender's address), lower case. */
export function senderDomain(origin: AlertOrigin): string | undefined {
  if (origin.integrationType !== 'email') return undefined;
  const at = origin.alert.source.lastIndexOf('@');
  return at < 0 ? undefined : lower(origin.alert.source.slice(at + 1)).replace(/>$/, '');
}

/**
 * Compiles a client's match rules. Any one condition that holds maps the alert: its ConnectWise
 * company (see `alertCompanies`) is one of `match.connectwiseCompanies` or the client's own
 * ConnectWise identifier or company id (compared without case); every label pattern of
 * `match.labels` is found in the alert's label of that name; or the sender of an e-mail alert is at
 * one of `match.emailDomains` or a subdomain of one. A client without conditions matches nothing.
 */
export function compileClientMatch(client: Client): ClientMatcher {
  const companies = new Set([...(client.match?.connectwiseCompanies ?? []), ...(client.connectwise?.identifier ? [client.connectwise.identifier] : [])].map(lower));
  const companyId = client.connectwise?.companyId;
  const labelTests = Object.entries(client.match?.labels ?? {}).map(([name, pattern]) => ({ name, regex: compilePattern(pattern) }));
  const domains = (client.match?.emailDomains ?? []).map(lower);
  const tests: ClientMatcher[] = [];
  if (companies.size || companyId !== undefined) {
    tests.push((origin) => {
      const found = alertCompanies(origin);
      return found.names.some((name) => companies.has(name)) || (companyId !== undefined && found.ids.includes(companyId));
    });
  }
  if (labelTests.length) {
    tests.push(({ alert }) =>
      labelTests.every(({ name, regex }) => regex !== undefined && Object.hasOwn(alert.labels, name) && regex.test(alert.labels[name]!)),
    );
  }
  if (domains.length) {
    tests.push((origin) => {
      const domain = senderDomain(origin);
      return domain !== undefined && domains.some((d) => domain === d || domain.endsWith(`.${d}`));
    });
  }
  return (origin) => tests.some((test) => test(origin));
}
