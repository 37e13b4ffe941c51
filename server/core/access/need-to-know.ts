import type { Incident } from '../../../shared/schemas/incident.js';
import type { Role } from '../../../shared/schemas/user.js';
import { can } from './permissions.js';

/** Who asks to know an incident: a person and their role. */
export interface KnowRequester {
  userId: string;
  role: Role;
}

/**
 * Tells whether a person may know an incident: everyone may know an open (not confidential) one; a
 * confidential one only admins and IR managers by role, and the people on its need-to-know list.
 * Being assigned or paged grants nothing: assignment requires the list, and a paged person sees the
 * redacted paging text only. Every read and command of the app layer asks this one function.
 */
export function mayKnow(
  incident: Pick<Incident, 'confidential'>,
  needToKnow: readonly string[],
  requester: KnowRequester,
): boolean {
  return !incident.confidential || can(requester.role, 'see-confidential') || needToKnow.includes(requester.userId);
}

/**
 * Tells why a person may not be assigned to an incident, or undefined when they may: no one is
 * assigned into a confidential incident they may not know (a manager adds them to the list first).
 */
export function assignmentRefusal(
  incident: Pick<Incident, 'confidential'>,
  needToKnow: readonly string[],
  assignee: KnowRequester,
): string | undefined {
  if (mayKnow(incident, needToKnow, assignee)) return undefined;
  return `${assignee.userId} is not on this confidential incident's need-to-know list; a manager adds them first`;
}

/** The text every page of a confidential incident carries on any channel, in place of its summary. */
export function confidentialPageText(serviceName: string): string {
  return `Confidential incident on ${serviceName} — open Klaxon`;
}

/** The summary a person sees in the board for a confidential incident they may not know. */
export const CONFIDENTIAL_SUMMARY = 'Confidential incident';

/**
 * The incident as someone who may not know it sees it: that it exists, its priority, state, times and
 * people, but nothing of what it is about (nor its intel matches or history hint).
 */
export function redactIncident(incident: Incident): Incident {
  // What its alerts matched and what past incidents like it became say what it is about, too.
  const { intelMatches: _intel, historyHint: _hint, ...rest } = incident;
  return { ...rest, summary: CONFIDENTIAL_SUMMARY, source: '', dedupKey: '', links: [], externalRef: null, clientId: null };
}

/**
 * The incident as a page carries it to any channel: a confidential one says only that it is
 * confidential and on which service (also for repeats after it was marked confidential mid-escalation,
 * since every send re-reads the incident).
 */
export function pagedIncident(incident: Incident, serviceName: string): Incident {
  return incident.confidential ? { ...redactIncident(incident), summary: confidentialPageText(serviceName) } : incident;
}
