// The intake core: one pure function per source, from a validated body to the common alert form.
export { fromAlertmanager } from './from-alertmanager.js';
export { fromConnectWise, isTicketClosed, severityForConnectWisePriority } from './from-connectwise.js';
export { emailDedupKey, fromEmail, senderAddress, severityFromSubject, type EmailAlertSource } from './from-email.js';
export { fromEventsV2 } from './from-events-v2.js';
export { fromGrafana } from './from-grafana.js';
export { fromWebhook } from './from-webhook.js';
export { canonicalJson, fitDedupKey, stableDedupKey } from './dedup-key.js';
export { followPick, parseJsonPick, pickJson, type PickResult, type PickStep } from './json-pick.js';
export type { IntakeError, IntakeOutcome } from './outcome.js';
export { normalizeSeverity } from './severity.js';
