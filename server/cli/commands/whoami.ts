import { emit, type Command } from '../command.js';
import { connect } from '../session.js';
import type { Me } from './login.js';

/** `klaxon whoami`: who the stored (or given) token acts as, on which relay. */
export const whoamiCommand: Command = {
  words: ['whoami'],
  usage: 'whoami',
  summary: 'show who the token acts as, and on which relay',
  options: {},
  async run(context, args) {
    const client = connect(context, args);
    const me = await client.call<Me>('GET', '/api/v1/me');
    emit(context, args, me, () => `${me.id} (${me.name}, ${me.role}) on ${client.relay}`);
  },
};
