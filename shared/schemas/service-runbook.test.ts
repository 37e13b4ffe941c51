import { describe, expect, it } from 'vitest';
import { ServiceSchema } from './service.js';

const service = { id: 'core', name: 'Core network', team: 'noc', policy: 'noc-default' };

describe("a service's runbook", () => {
  it('is optional and takes a URL or Markdown text', () => {
    expect(ServiceSchema.parse(service).runbook).toBeUndefined();
    expect(ServiceSchema.parse({ ...service, runbook: ' https://wiki.example/rb ' }).runbook).toBe('https://wiki.example/rb');
    expect(ServiceSchema.parse({ ...service, runbook: '# Steps\n1. **Check**' }).runbook).toBe('# Steps\n1. **Check**');
  });

  it('refuses a huge or empty runbook, naming the field', () => {
    for (const runbook of ['x'.repeat(20_001), '   ', 42]) {
      const result = ServiceSchema.safeParse({ ...service, runbook });
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.path).toEqual(['runbook']);
    }
  });
});
