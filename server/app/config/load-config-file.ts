import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigSchema, type Config } from '../../../shared/config/config-schema.js';
import { isPlannedNumber, NOT_A_PHONE_NUMBER } from '../../core/phone/numbering-plan.js';

/** One wrong field of a config file: its dotted path (`users.0.email`) and what is wrong with it. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** A config file that cannot be used; the message lists every wrong field, one per line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  /** Builds the error for `file` with every issue found in it. */
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
    options?: { cause?: unknown },
  ) {
    const count = issues.length === 1 ? '1 error' : `${issues.length} errors`;
    super([`config file ${file} has ${count}:`, ...issues.map((i) => `  ${i.path}: ${i.message}`)].join('\n'), options);
  }
}

/** Turns zod issues into config issues with dotted paths (an empty path is the whole file). */
export function configIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(file)',
    message: issue.message,
  }));
}

function parseText(file: string, text: string): unknown {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new ConfigError(file, [{ path: '(file)', message: `not valid JSON: ${(cause as Error).message}` }], { cause });
    }
  }
  if (ext === '.yaml' || ext === '.yml') {
    const doc = parseDocument(text);
    if (doc.errors.length) {
      throw new ConfigError(
        file,
        doc.errors.map((e) => ({
          path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '(file)',
          message: `not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
        })),
      );
    }
    return doc.toJS() as unknown;
  }
  throw new ConfigError(file, [{ path: '(file)', message: 'use a .yaml, .yml or .json file' }]);
}

/**
 * Reads a config file (YAML or JSON by its extension) and parses it with `ConfigSchema`. Throws a
 * `ConfigError` naming the file and listing every wrong field as `path.to.field: message`.
 */
export async function loadConfigFile(file: string): Promise<Config> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? (cause as Error).message})`;
    throw new ConfigError(absolute, [{ path: '(file)', message }], { cause });
  }
  return parseConfigText(absolute, text);
}

/**
 * Parses the text of a config file named `file` (YAML or JSON by its extension) exactly as
 * `loadConfigFile` does, for text that did not come from disk (`POST /api/v1/config/apply`).
 */
export function parseConfigText(file: string, text: string): Config {
  const parsed = ConfigSchema.safeParse(parseText(file, text));
  if (!parsed.success) throw new ConfigError(file, configIssues(parsed.error), { cause: parsed.error });
  const numbers = numberingPlanIssues(parsed.data);
  if (numbers.length) throw new ConfigError(file, numbers);
  return parsed.data;
}

/**
 * The phone numbers of a parsed config that no numbering plan has (the shared schema checks their
 * E.164 shape only, since shared/ is zod only): the SMS/voice sender and people's phone contacts.
 */
function numberingPlanIssues(config: Config): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const from = config.channels?.twilio?.from;
  if (from && !isPlannedNumber(from)) issues.push({ path: 'channels.twilio.from', message: NOT_A_PHONE_NUMBER });
  config.users.forEach((user, i) => {
    const number = user.contacts?.phone?.number;
    if (number && !isPlannedNumber(number)) issues.push({ path: `users.${i}.contacts.phone.number`, message: NOT_A_PHONE_NUMBER });
  });
  return issues;
}
