import { stringFlag } from '../args.js';
import { emit, type Command } from '../command.js';
import { credentialsPath, normaliseRelay, writeCredentials } from '../credentials.js';
import { usageError } from '../exit-codes.js';
import { createRelayClient } from '../relay-client.js';

/** The relay `klaxon login` uses when none is given anywhere (the relay's default address). */
const DEFAULT_RELAY = 'http://127.0.0.1:7300';

/** The user `GET /api/v1/me` answers. */
export interface Me {
  id: string;
  name: string;
  role: string;
}

/**
 * `klaxon login`: checks the token against the relay (`GET /api/v1/me`) and only then stores the
 * relay URL and the token in the credentials file (mode 0600). A token the relay refuses is not stored.
 */
export const loginCommand: Command = {
  words: ['login'],
  usage: 'login [--relay URL] [--token T]',
  summary: 'check an API token against the relay and store both for the other commands',
  details: [
    'The token comes from --token, else KLAXON_TOKEN, else a prompt (or one line of stdin).',
    `The relay comes from --relay, else KLAXON_RELAY, else ${DEFAULT_RELAY}.`,
    'Stored in $XDG_CONFIG_HOME/klaxon/cli.json (mode 0600). Make a token in the console (API tokens) or with POST /api/v1/tokens.',
  ].join('\n'),
  options: {},
  async run(context, args) {
    const relayText = stringFlag(args, 'relay') ?? context.env.KLAXON_RELAY ?? DEFAULT_RELAY;
    const relay = normaliseRelay(relayText);
    if (!relay) throw usageError(`--relay must be an http(s) URL, not "${relayText}"`, '--relay');
    const token = (stringFlag(args, 'token') ?? context.env.KLAXON_TOKEN ?? (await context.readSecret('API token: '))).trim();
    if (!token) throw usageError('give an API token (--token, KLAXON_TOKEN or at the prompt)', '--token');
    const me = await createRelayClient(relay, token, context.fetcher).call<Me>('GET', '/api/v1/me');
    const file = credentialsPath(context.env);
    writeCredentials(file, { relay, token });
    emit(context, args, { relay, user: me, file }, () => `Signed in to ${relay} as ${me.id} (${me.name}, ${me.role}); saved in ${file}`);
  },
};
