import { callService, DEFAULT_TIMEOUT_MS, failureForStatus, isSendFailure, readText, type Fetch, type SendFailure } from '../notify/service-call.js';
import type { TeamsWebhook } from '../../app/ports/teams-webhook.js';
import { incidentCard, statusCard, type TeamsMessage } from './adaptive-card.js';

/**
 * Posts a message to a Teams webhook through the relay's guarded outbound fetch. 2xx is delivered;
 * 408, 429 and 5xx may be retried; anything else may not. The answer's body is never echoed (the
 * webhook URL is a secret and its errors can quote it).
 */
export async function postToTeams(fetchFn: Fetch, webhookUrl: string, message: TeamsMessage, now: Date, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<SendFailure | { ok: true }> {
  if (!/^https?:\/\//i.test(webhookUrl) || !URL.canParse(webhookUrl)) return { ok: false, retryable: false, error: 'the Teams webhook is not an http(s) URL' };
  const answer = await callService(
    fetchFn,
    webhookUrl,
    { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Klaxon-Teams/1' }, body: JSON.stringify(message) },
    timeoutMs,
  );
  if (isSendFailure(answer)) return answer;
  await readText(answer);
  if (answer.ok) return { ok: true };
  return failureForStatus(answer, `the Teams webhook answered ${answer.status}`, now);
}

/** The Teams webhook port on the relay's guarded outbound fetch: the card is built here, then posted. */
export function createTeamsWebhook(fetchFn: Fetch, timeoutMs = DEFAULT_TIMEOUT_MS): TeamsWebhook {
  return {
    postIncident: (webhookUrl, card, now) => postToTeams(fetchFn, webhookUrl, incidentCard(card), now, timeoutMs),
    postStatus: (webhookUrl, card, now) => postToTeams(fetchFn, webhookUrl, statusCard(card), now, timeoutMs),
  };
}
