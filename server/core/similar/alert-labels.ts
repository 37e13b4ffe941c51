import type { IntegrationType } from '../../../shared/schemas/service.js';

/** The most labels kept from one alert (a hostile payload may carry thousands). */
const MAX_LABELS = 64;
/** The longest label value compared; longer ones are cut (they are compared, not shown). */
const MAX_VALUE = 256;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// Keeps the text-valued entries of an object, bounded in number and length.
function textEntries(source: unknown, names?: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!isRecord(source)) return labels;
  for (const name of names ?? Object.keys(source)) {
    if (Object.keys(labels).length >= MAX_LABELS) break;
    const value = source[name];
    if (typeof value === 'string' && value.trim() !== '') labels[name] = value.trim().slice(0, MAX_VALUE);
  }
  return labels;
}

/**
 * The labels of an alert as its stored payload carries them, the same labels intake gave priority
 * rules: Alertmanager and Grafana keep the Prometheus-style `alert.labels`; an Events API v2 event
 * its `payload.component`, `group` and `class`; a ConnectWise callback its ticket's board, status,
 * company and priority. E-mail, webhooks and heartbeats carry none.
 */
export function alertLabels(integrationType: IntegrationType | string, payload: unknown): Record<string, string> {
  if (!isRecord(payload)) return {};
  switch (integrationType) {
    case 'alertmanager':
    case 'grafana':
      return isRecord(payload.alert) ? textEntries(payload.alert.labels) : {};
    case 'events-v2':
      return textEntries(payload.payload, ['component', 'group', 'class']);
    case 'connectwise': {
      const ticket = isRecord(payload.Entity) ? payload.Entity : undefined;
      const name = (field: string) => (ticket && isRecord(ticket[field]) ? ticket[field] : undefined);
      const company = name('company');
      return textEntries({
        board: name('board')?.name,
        status: name('status')?.name,
        company: company?.identifier,
        priority: name('priority')?.name,
      });
    }
    default:
      return {};
  }
}
