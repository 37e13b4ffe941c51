import type { AuditVerifyReport } from '../../../shared/schemas/audit.js';
import { describeVerifyReport } from '../../app/audit/describe-verify-report.js';
import { emit, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { connect } from '../session.js';

/**
 * `klaxon audit verify`: asks the relay to walk every hash chain (`GET /api/v1/audit/verify`, for
 * admins and IR managers; a token needs the admin scope) and prints the verdict in the words of
 * `npm run audit:verify`. Exit 0 intact, 1 broken.
 */
export const auditVerifyCommand: Command = {
  words: ['audit', 'verify'],
  usage: 'audit verify',
  summary: 'check the relay\'s hash-chained audit trail and incident timelines',
  details: 'Runs on the relay (GET /api/v1/audit/verify). To check a database file or PostgreSQL store directly, without a relay, use npm run audit:verify -- --db FILE.',
  options: {},
  async run(context, args) {
    const report = await connect(context, args).call<AuditVerifyReport>('GET', '/api/v1/audit/verify');
    emit(context, args, report, () => describeVerifyReport(report));
    return report.intact ? EXIT.ok : EXIT.refused;
  },
};
