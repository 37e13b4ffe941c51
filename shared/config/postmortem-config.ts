import { z } from 'zod';
import { DurationSchema, SlugSchema } from '../schemas/common.js';
import { PrioritySchema } from '../schemas/priority.js';

/**
 * A rule that asks for a post-mortem (issue 14): for incidents of the given teams and services (all
 * when absent) that meet every given condition, a `due` post-mortem is created when the incident
 * resolves, due `dueWithin` after the resolve.
 */
export const PostmortemRuleSchema = z.object({
  /** Shown as the post-mortem's reason ("every-high"). */
  name: SlugSchema,
  teams: z.array(SlugSchema).min(1).optional(),
  services: z.array(SlugSchema).min(1).optional(),
  when: z
    .object({
      /** The incident's priority at resolve is one of these. */
      priority: z.array(PrioritySchema).min(1).optional(),
      /** A failover was sent (true), or none was (false). */
      failover: z.boolean().optional(),
      /** The incident is confidential (true), or not (false). */
      confidential: z.boolean().optional(),
      /** The escalation went past its first level (true), or did not (false). */
      escalated: z.boolean().optional(),
    })
    .strict()
    .default({}),
  /** How long after the resolve the post-mortem should be signed off ("5d" when absent); seconds after parsing. */
  dueWithin: DurationSchema.default(5 * 86_400),
});
export type PostmortemRule = z.infer<typeof PostmortemRuleSchema>;

/** The config file's `postmortems:` section: the rules that ask for a post-mortem, the first match wins. */
export const PostmortemsConfigSchema = z.object({ rules: z.array(PostmortemRuleSchema).max(100).default([]) }).strict();
export type PostmortemsConfig = z.infer<typeof PostmortemsConfigSchema>;

/** Reports every rule name used twice and every team or service a rule names that is not declared. */
export function checkPostmortemConfig(
  config: PostmortemsConfig | undefined,
  known: { teams: ReadonlySet<string>; services: ReadonlySet<string> },
  issue: (path: (string | number)[], message: string) => void,
): void {
  const names = new Set<string>();
  config?.rules.forEach((rule, i) => {
    if (names.has(rule.name)) issue(['postmortems', 'rules', i, 'name'], `"${rule.name}" is declared twice`);
    names.add(rule.name);
    rule.teams?.forEach((t, j) => known.teams.has(t) || issue(['postmortems', 'rules', i, 'teams', j], `unknown team "${t}"`));
    rule.services?.forEach((s, j) => known.services.has(s) || issue(['postmortems', 'rules', i, 'services', j], `unknown service "${s}"`));
  });
}
