// Clients: which client an alert belongs to, and which of its business processes an incident touches.
export { alertCompanies, compileClientMatch, senderDomain, type AlertOrigin, type ClientMatcher } from './alert-client.js';
export { createClientMap, CRITICALITY_ORDER, type ClientMap } from './client-map.js';
