import { positional } from '../args.js';
import { emit, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

/**
 * `klaxon config validate FILE`: checks a config file offline with the relay's own loader
 * (`loadConfigFile`, the shared `ConfigSchema`), so it passes or fails exactly as a relay start
 * would, with the same `path.to.field: message` lines. Needs no relay and no token.
 */
export const configValidateCommand: Command = {
  words: ['config', 'validate'],
  usage: 'config validate FILE',
  summary: 'check a config file offline, with the relay\'s own rules and messages',
  details: 'Exit 0 when the relay would accept the file, 5 listing every wrong field (path: message) when not.',
  options: {},
  async run(context, args) {
    const file = positional(args, 0, 'FILE');
    // The loader pulls in every config schema and the YAML parser: only this command pays for them.
    const { ConfigError, loadConfigFile } = await import('../../app/config/load-config-file.js');
    try {
      const config = await loadConfigFile(file);
      const counts = { users: config.users.length, teams: config.teams.length, schedules: config.schedules.length, policies: config.policies.length, services: config.services.length };
      emit(context, args, { valid: true, file, counts }, () =>
        `${file} is valid: ${Object.entries(counts).map(([kind, n]) => `${n} ${kind}`).join(', ')}`,
      );
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (args.flags.json) context.out(JSON.stringify({ valid: false, file: error.file, issues: error.issues }, null, 2));
      else context.err(error.message);
      return EXIT.invalid;
    }
  },
};
