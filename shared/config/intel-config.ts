import { z } from 'zod';
import { IntelPriorityRuleSchema } from '../schemas/intel.js';

/**
 * The config file's `intel` section: the rules that raise the priority of an incident whose alert
 * matches a live threat-intelligence indicator (the first rule whose conditions hold applies; a rule
 * never lowers a priority). See docs/intel.md.
 */
export const IntelConfigSchema = z
  .object({
    rules: z.array(IntelPriorityRuleSchema).max(100).default([]),
  })
  .strict();
export type IntelConfig = z.infer<typeof IntelConfigSchema>;
