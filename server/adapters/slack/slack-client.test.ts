import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../log/create-logger.js';
import { SlackRefusal } from '../../app/ports/slack-api.js';
import { createSlackClient } from './slack-client.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A local Web API that answers every call with `{ ok: false, error }`, as Slack refuses. */
async function refusingSlack(error: string): Promise<string> {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error }));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/`;
}

describe('the Slack client', () => {
  it('throws a SlackRefusal with the code for what no retry mends, and a plain error naming the code otherwise', async () => {
    const gone = createSlackClient({ botToken: 'xoxb-test-token', apiUrl: await refusingSlack('channel_not_found'), log: createSilentLogger() });
    const refusal = await gone.postMessage('C1', { text: 'hi', blocks: [] }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SlackRefusal);
    expect(refusal).toMatchObject({ code: 'channel_not_found', message: 'slack chat.postMessage failed: channel_not_found' });
    expect(String((refusal as Error).message)).not.toContain('xoxb');
    await new Promise<void>((resolve) => server!.close(() => resolve()));

    const busy = createSlackClient({ botToken: 'xoxb-test-token', apiUrl: await refusingSlack('fatal_error'), log: createSilentLogger() });
    const failure = await busy.updateMessage('C1', '1.2', { text: 'hi', blocks: [] }).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(SlackRefusal);
    expect(failure).toMatchObject({ message: 'slack chat.update failed: fatal_error' });
  });
});
