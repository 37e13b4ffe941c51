import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApplyReport } from '../../app/config/apply-config.js';
import { positional } from '../args.js';
import { emit, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { table } from '../format.js';
import { connect } from '../session.js';

/** The human table of what an apply changed, per kind of entity. */
export function applyReportTable(report: ApplyReport): string {
  return table(
    ['KIND', 'CREATED', 'UPDATED', 'UNCHANGED', 'DELETED'],
    Object.entries(report).map(([kind, c]) => [kind, String(c.created), String(c.updated), String(c.unchanged), String(c.deleted)]),
  );
}

/**
 * `klaxon config apply FILE`: checks the file offline first (as `config validate`, exit 5 without
 * calling the relay), then sends it to `POST /api/v1/config/apply` (admins), which checks it again
 * and applies it as a relay start would, in one transaction, audited.
 */
export const configApplyCommand: Command = {
  words: ['config', 'apply'],
  usage: 'config apply FILE',
  summary: 'apply a config file to the running relay, as a restart would (admins)',
  details: [
    'The file is checked here first; a wrong field fails with exit 5 before the relay is called.',
    'The relay applies users, teams, schedules, policies, services, integrations, clients and maintenance windows',
    'in one transaction. ConnectWise connections and post-mortem rules are read at start only. The relay\'s own',
    'KLAXON_CONFIG file still wins at its next start.',
  ].join('\n'),
  options: {},
  async run(context, args) {
    const file = positional(args, 0, 'FILE');
    // The loader pulls in every config schema and the YAML parser: only this command pays for them.
    const { ConfigError, loadConfigFile } = await import('../../app/config/load-config-file.js');
    try {
      await loadConfigFile(file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (args.flags.json) context.out(JSON.stringify({ valid: false, file: error.file, issues: error.issues }, null, 2));
      else context.err(error.message);
      return EXIT.invalid;
    }
    const text = await readFile(file, 'utf8');
    const answer = await connect(context, args).call<{ applied: ApplyReport }>('POST', '/api/v1/config/apply', { fileName: path.basename(file), text });
    emit(context, args, answer, () => `Applied ${file}:\n${applyReportTable(answer.applied)}`);
  },
};
