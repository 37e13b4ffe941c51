import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CliError, EXIT } from './exit-codes.js';

/** What `klaxon login` stores: the relay's base URL and an API token. */
export const CredentialsSchema = z.object({
  relay: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1),
});
export type Credentials = z.infer<typeof CredentialsSchema>;

/** The credentials file: `$XDG_CONFIG_HOME/klaxon/cli.json`, or `~/.config/klaxon/cli.json`. */
export function credentialsPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(env.HOME ?? homedir(), '.config');
  return path.join(base, 'klaxon', 'cli.json');
}

/** Reads the stored credentials, or undefined when there are none; a broken file is an auth error. */
export function readCredentials(file: string): Credentials | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(EXIT.auth, `cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return CredentialsSchema.parse(JSON.parse(text));
  } catch {
    throw new CliError(EXIT.auth, `${file} is not a klaxon credentials file; run klaxon login again`);
  }
}

/** Writes the credentials readable by their owner only (mode 0600, folder 0700). */
export function writeCredentials(file: string, credentials: Credentials): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // An existing file keeps its old mode on write; tighten it either way.
  chmodSync(file, 0o600);
}

/** Trims a relay address to its base URL (no trailing slash), or undefined when it is not http(s). */
export function normaliseRelay(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.toString().replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}
