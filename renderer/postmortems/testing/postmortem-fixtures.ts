import { type Postmortem, PostmortemFieldsSchema, type PostmortemFieldName, PostmortemSchema } from '../../../shared/schemas/postmortem.js';

const T0 = '2026-11-30T10:00:00.000Z';

/** A post-mortem as the relay would send it (checked with the shared schema), with `over` applied. */
export function makePostmortem(over: Partial<Postmortem> = {}): Postmortem {
  const stamps = Object.fromEntries(
    (['summary', 'impact', 'rootCause', 'contributingFactors', 'questions', 'actionItems'] as PostmortemFieldName[]).map((f) => [
      f,
      { version: 0, updatedAt: null, updatedBy: null },
    ]),
  );
  return PostmortemSchema.parse({
    id: 'pm-1',
    incidentIds: ['inc-1'],
    state: 'draft',
    reason: 'manual',
    dueAt: null,
    fields: PostmortemFieldsSchema.parse({}),
    stamps,
    digest: {
      incidentIds: ['inc-1'],
      priority: 'high',
      summary: 'Disk full on db-1',
      serviceId: 'db',
      teamId: 'noc',
      clientId: null,
      steps: [{ at: T0, kind: 'first-alert', who: null, detail: '' }],
      firstAlertAt: T0,
      firstPageAt: null,
      firstReadAt: null,
      acknowledgedAt: null,
      resolvedAt: null,
      timeToReadMs: null,
      timeToAcknowledgeMs: null,
      timeToResolveMs: null,
      pages: [],
      failedPages: 0,
      escalations: 0,
      failover: null,
      foldedAlerts: 0,
      triageVerdict: null,
      priorityRule: null,
    },
    comments: [],
    createdAt: T0,
    updatedAt: T0,
    reviewRequestedBy: null,
    signedOffBy: null,
    signedOffAt: null,
    version: 1,
    ...over,
  });
}

/** A copy of `pm` in which `by` wrote `field` (its stamp and the post-mortem's version raised). */
export function written<F extends PostmortemFieldName>(pm: Postmortem, field: F, value: Postmortem['fields'][F], by: string): Postmortem {
  const before = pm.stamps[field]?.version ?? 0;
  return {
    ...pm,
    fields: { ...pm.fields, [field]: value },
    stamps: { ...pm.stamps, [field]: { version: before + 1, updatedAt: '2026-11-30T10:05:00.000Z', updatedBy: by } },
    version: pm.version + 1,
    updatedAt: '2026-11-30T10:05:00.000Z',
  };
}
