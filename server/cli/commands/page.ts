import type { AdHocPageInput } from '../../../shared/schemas/ad-hoc-page.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import { positional, requiredFlag, stringFlag } from '../args.js';
import { emit, type Command } from '../command.js';
import { connect } from '../session.js';

/** `klaxon page USER --summary "…"`: pages one person now (`POST /api/v1/pages`). */
export const pageCommand: Command = {
  words: ['page'],
  usage: 'page USER --summary TEXT [--service S] [--priority high|medium|low]',
  summary: 'page one person now about something no alert reported (opens an incident)',
  details: [
    'The relay opens an incident on --service (default: the first service of a team USER is in) and pages',
    'USER at once through their notify rules, repeating until they read it, like the console\'s "page a person".',
    'The service\'s escalation policy is not started. --priority defaults to high.',
  ].join('\n'),
  options: { summary: { type: 'string' }, service: { type: 'string' }, priority: { type: 'string' } },
  async run(context, args) {
    const userId = positional(args, 0, 'USER');
    const serviceId = stringFlag(args, 'service');
    const priority = stringFlag(args, 'priority');
    const body = { userId, summary: requiredFlag(args, 'summary'), ...(serviceId ? { serviceId } : {}), ...(priority ? { priority } : {}) } as AdHocPageInput;
    const answer = await connect(context, args).call<{ incident: Incident; pageKey: string }>('POST', '/api/v1/pages', body);
    emit(context, args, answer, () => `Paged ${userId}: incident ${answer.incident.id} on ${answer.incident.serviceId} (${answer.incident.priority})`);
  },
};
