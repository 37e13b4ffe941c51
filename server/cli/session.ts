import type { ParsedArgs } from './args.js';
import type { CliContext } from './command.js';
import { credentialsPath, normaliseRelay, readCredentials } from './credentials.js';
import { CliError, EXIT, usageError } from './exit-codes.js';
import { createRelayClient, type RelayClient } from './relay-client.js';

/**
 * The relay and token a command uses: `--relay`/`--token` first, then `KLAXON_RELAY`/`KLAXON_TOKEN`,
 * then what `klaxon login` stored. No token anywhere is an auth error (exit 3).
 */
export function connect(context: CliContext, args: ParsedArgs): RelayClient {
  const stored = () => readCredentials(credentialsPath(context.env));
  const relayText = (args.flags.relay as string | undefined) ?? context.env.KLAXON_RELAY ?? stored()?.relay;
  const token = (args.flags.token as string | undefined) ?? context.env.KLAXON_TOKEN ?? stored()?.token;
  if (!relayText || !token) throw new CliError(EXIT.auth, 'not signed in: run klaxon login (or set KLAXON_RELAY and KLAXON_TOKEN)');
  const relay = normaliseRelay(relayText);
  if (!relay) throw usageError(`--relay must be an http(s) URL, not "${relayText}"`, '--relay');
  return createRelayClient(relay, token, context.fetcher);
}
