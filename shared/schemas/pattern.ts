import { z } from 'zod';

/**
 * Compiles a config-file regular expression. A leading "(?i)" (the RE2/PCRE spelling people copy from
 * Prometheus and Grafana) becomes JavaScript's `i` flag. Returns undefined when the text is not a
 * valid expression.
 */
export function compilePattern(text: string): RegExp | undefined {
  const insensitive = text.startsWith('(?i)');
  try {
    return new RegExp(insensitive ? text.slice(4) : text, insensitive ? 'iu' : 'u');
  } catch {
    return undefined;
  }
}

/** A regular expression as config files write it; "(?i)" at the start makes it case-insensitive. */
export const PatternSchema = z
  .string()
  .min(1)
  .refine((text) => compilePattern(text) !== undefined, 'not a valid regular expression');
