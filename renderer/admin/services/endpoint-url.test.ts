import { describe, expect, it } from 'vitest';
import { endpointUrl } from './endpoint-url.js';

describe('endpointUrl', () => {
  it('makes relay paths full URLs on the relay, keeping {key} until a key is known', () => {
    expect(endpointUrl('http://relay:7300/', '/integrations/grafana/{key}')).toBe('http://relay:7300/integrations/grafana/{key}');
    expect(endpointUrl('http://relay:7300', '/integrations/grafana/{key}', 'k-1')).toBe('http://relay:7300/integrations/grafana/k-1');
    expect(endpointUrl('http://relay:7300', '/v2/enqueue (routing_key: {key})', 'abc')).toBe('http://relay:7300/v2/enqueue (routing_key: abc)');
  });

  it('leaves an e-mail address as it is, with the key filled in', () => {
    expect(endpointUrl('http://relay:7300', '{key}@<relay SMTP host>', 'mail-1')).toBe('mail-1@<relay SMTP host>');
  });
});
