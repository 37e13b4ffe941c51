/**
 * Turns an integration's endpoint as the relay lists it (a relay path such as
 * `/integrations/grafana/{key}`, `/v2/enqueue (routing_key: {key})`, or an e-mail address) into what
 * a monitoring tool is given: relay paths become full URLs on `relayUrl`; `key`, when known (just
 * made or rotated), takes the place of `{key}`.
 */
export function endpointUrl(relayUrl: string, endpoint: string, key?: string): string {
  const filled = key === undefined ? endpoint : endpoint.split('{key}').join(key);
  return filled.startsWith('/') ? `${relayUrl.replace(/\/+$/, '')}${filled}` : filled;
}
