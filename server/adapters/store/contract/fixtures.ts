import type { DeviceRecord, EscalationRecord } from '../../../app/ports/paging-store.js';
import type { IncidentDraft, IntegrationRecord, JobRecord, TokenRecord, UserRecord } from '../../../app/ports/store.js';
import type { Alert } from '../../../../shared/schemas/alert.js';
import type { Page } from '../../../../shared/schemas/page.js';
import type { Policy } from '../../../../shared/schemas/policy.js';
import type { Schedule } from '../../../../shared/schemas/schedule.js';
import type { Service } from '../../../../shared/schemas/service.js';
import type { Team } from '../../../../shared/schemas/team.js';
import type { TimelineEvent } from '../../../../shared/schemas/timeline.js';
import { newId } from '../ids.js';

/** A fixed instant the contract tests count from (2030-01-01T00:00:00Z). */
export const T0 = Date.UTC(2030, 0, 1);

/** The instant `seconds` after T0 as a Date. */
export const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

/** The instant `seconds` after T0 as ISO-8601 text, as domain objects carry it. */
export const iso = (seconds: number): string => at(seconds).toISOString();

/** A user record with every field set; `overrides` replace fields. */
export function makeUser(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: 'alice',
    name: 'Alice Example',
    email: 'Alice.Example@Example.com',
    role: 'ir-manager',
    notify: [
      { channel: 'push', after: 0 },
      { channel: 'email', after: 300 },
    ],
    passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
    ...overrides,
  };
}

/** A live token of user "alice". */
export function makeToken(overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    tokenHash: newId(),
    userId: 'alice',
    createdAt: at(0),
    expiresAt: at(86_400),
    revokedAt: null,
    ...overrides,
  };
}

/** A team with business hours, a holiday and members. */
export function makeTeam(overrides: Partial<Team> = {}): Team {
  return {
    id: 'noc',
    name: 'Network Operations',
    timeZone: 'Europe/London',
    businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' },
    holidays: ['2030-12-25'],
    members: ['alice', 'bob'],
    ...overrides,
  };
}

/** A one-layer weekly rotation with a restriction and an override. */
export function makeSchedule(overrides: Partial<Schedule> = {}): Schedule {
  return {
    id: 'noc-primary',
    name: 'NOC primary',
    team: 'noc',
    timeZone: 'America/New_York',
    owner: 'alice',
    layers: [
      {
        name: 'weekly',
        rotation: { participants: ['alice', 'bob'], shiftLength: 604_800, start: '2030-01-07T09:00' },
        restrictions: [{ days: ['sat', 'sun'], start: '00:00', end: '24:00' }],
      },
    ],
    overrides: [{ user: 'carol', replaces: 'bob', start: '2030-02-01T09:00', end: '2030-02-02T09:00' }],
    ...overrides,
  };
}

/** A two-level policy with a failover. */
export function makePolicy(overrides: Partial<Policy> = {}): Policy {
  return {
    id: 'noc-default',
    name: 'NOC default',
    team: 'noc',
    stopOn: 'read',
    repeat: 1,
    repeatPageEvery: 60,
    levels: [
      { delay: 300, targets: [{ schedule: 'noc-primary' }] },
      { delay: 600, targets: [{ user: 'alice' }] },
    ],
    failover: { email: ['lead@example.com'], users: ['alice'] },
    ...overrides,
  };
}

/** A service (without integrations) with priority rules. */
export function makeService(overrides: Partial<Omit<Service, 'integrations'>> = {}): Omit<Service, 'integrations'> {
  return {
    id: 'core-network',
    name: 'Core network',
    team: 'noc',
    policy: 'noc-default',
    pageMediumNow: true,
    priorityRules: [
      { when: { severity: ['critical'], labels: { site: '(?i)^lon' } }, priority: 'high' },
      { priority: 'low' },
    ],
    ...overrides,
  };
}

/** A webhook integration of service "core-network" with a mapping. */
export function makeIntegration(overrides: Partial<IntegrationRecord> = {}): IntegrationRecord {
  return {
    id: newId(),
    serviceId: 'core-network',
    type: 'webhook',
    keyHash: `hash-${newId()}`,
    settings: { mapping: { summary: '$.title', severity: '$.level', dedupKey: '$.items[0].id' } },
    createdAt: at(0),
    ...overrides,
  };
}

/** An open incident of service "core-network", first seen `seconds` after T0. */
export function makeIncident(overrides: Partial<IncidentDraft> = {}, seconds = 0): IncidentDraft {
  return {
    id: newId(),
    serviceId: 'core-network',
    teamId: 'noc',
    dedupKey: `disk-full-${newId()}`,
    status: 'triggered',
    priority: 'high',
    severity: 'critical',
    summary: 'Disk full on db-1',
    source: 'db-1.example.com',
    alertCount: 1,
    firstSeenAt: iso(seconds),
    lastSeenAt: iso(seconds),
    acknowledgedAt: null,
    resolvedAt: null,
    deferredUntil: null,
    escalation: 'running',
    triageVerdict: null,
    triageAssignee: null,
    forensicAssignee: null,
    confidential: false,
    links: [{ href: 'https://grafana.example.com/d/disk', text: 'Dashboard' }, { href: 'https://runbooks/x' }],
    externalRef: null,
    clientId: null,
    ...overrides,
  };
}

/** An alert folded into `incidentId`, received `seconds` after T0. */
export function makeAlert(incidentId: string, seconds = 0, overrides: Partial<Alert> = {}): Alert {
  return {
    id: newId(),
    incidentId,
    serviceId: 'core-network',
    integrationType: 'events-v2',
    action: 'trigger',
    dedupKey: 'disk-full',
    summary: 'Disk full on db-1',
    severity: 'critical',
    source: 'db-1.example.com',
    receivedAt: iso(seconds),
    payload: { routing_key: 'k', payload: { summary: 'Disk full', custom: [1, 2, { deep: true }] } },
    ...overrides,
  };
}

/** A timeline event of `incidentId` at `seconds` after T0. */
export function makeEvent(incidentId: string, seconds = 0, overrides: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    id: newId(),
    incidentId,
    at: iso(seconds),
    type: 'note.added',
    actor: { type: 'user', id: 'alice' },
    data: { text: 'Looking into it', tags: ['disk'], nested: { n: 1 } },
    ...overrides,
  };
}

/** A job due `seconds` after T0. */
export function makeJob(seconds: number, overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    id: newId(),
    kind: 'escalation.step',
    incidentId: null,
    dueAt: at(seconds),
    payload: { level: 1, targets: ['alice'] },
    attempts: 0,
    ...overrides,
  };
}

/** A queued push page of "alice" for `incidentId`, created `seconds` after T0. */
export function makePage(incidentId: string, seconds = 0, overrides: Partial<Page> = {}): Page {
  return {
    id: newId(),
    incidentId,
    pageKey: `level-0:alice:${seconds}`,
    userId: 'alice',
    channel: 'push',
    state: 'queued',
    level: 0,
    attempts: 0,
    createdAt: iso(seconds),
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    error: null,
    ...overrides,
  };
}

/** The escalation of `incidentId` with the two-level policy and a small engine state. */
export function makeEscalation(incidentId: string, overrides: Partial<EscalationRecord> = {}): EscalationRecord {
  return {
    incidentId,
    policy: makePolicy(),
    state: { level: 0, loop: 0, pages: [{ key: 'a', users: ['alice'] }], stopped: null },
    updatedAt: at(0),
    ...overrides,
  };
}

/** A live, never-seen phone of "alice" registered at T0. */
export function makeDevice(overrides: Partial<DeviceRecord> = {}): DeviceRecord {
  return {
    id: newId(),
    userId: 'alice',
    name: "Alice's phone",
    tokenHash: `hash-${newId()}`,
    createdAt: at(0),
    lastSeenAt: null,
    revokedAt: null,
    ...overrides,
  };
}
