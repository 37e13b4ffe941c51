import type { Selectable } from 'kysely';
import type { StatusStage, StatusSubscriber, StatusUpdate } from '../../../shared/schemas/status-update.js';
import type { StatusTemplateRecord } from '../../app/ports/status-update-store.js';
import type { Db } from './database.js';
import { isoOf } from './json.js';

/** A stakeholder who follows a service or a client. */
export interface StatusSubscribersTable {
  id: string;
  name: string;
  email: string;
  scope: string;
  scope_id: string;
  created_at: string;
}

/** A stage's edited words. */
export interface StatusTemplatesTable {
  stage: string;
  subject: string;
  body: string;
  updated_at: string;
  updated_by: string;
}

/** A status update posted on an incident. */
export interface StatusUpdatesTable {
  id: string;
  incident_id: string;
  stage: string;
  message: string;
  posted_by: string;
  posted_at: string;
  recipients: number | string;
  channels: number | string;
  confidential: number | string | boolean;
}

const toSubscriber = (row: Selectable<StatusSubscribersTable>): StatusSubscriber => ({
  id: row.id,
  name: row.name,
  email: row.email,
  scope: row.scope as StatusSubscriber['scope'],
  scopeId: row.scope_id,
  createdAt: row.created_at,
});

const toUpdate = (row: Selectable<StatusUpdatesTable>): StatusUpdate => ({
  id: row.id,
  incidentId: row.incident_id,
  stage: row.stage as StatusStage,
  message: row.message,
  postedBy: row.posted_by,
  postedAt: row.posted_at,
  recipients: Number(row.recipients),
  channels: Number(row.channels),
  confidential: Number(row.confidential) === 1 || row.confidential === true,
});

/** Every subscriber, by scope, then name. */
export async function listStatusSubscribers(db: Db): Promise<StatusSubscriber[]> {
  const rows = await db.selectFrom('status_subscribers').selectAll().orderBy('scope').orderBy('scope_id').orderBy('name').orderBy('id').execute();
  return rows.map(toSubscriber);
}

/** Adds a subscriber. */
export async function addStatusSubscriber(db: Db, s: StatusSubscriber): Promise<void> {
  await db
    .insertInto('status_subscribers')
    .values({ id: s.id, name: s.name, email: s.email, scope: s.scope, scope_id: s.scopeId, created_at: s.createdAt })
    .execute();
}

/** Removes a subscriber; false when there was none. */
export async function deleteStatusSubscriber(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('status_subscribers').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The edited stages. */
export async function listStatusTemplates(db: Db): Promise<StatusTemplateRecord[]> {
  const rows = await db.selectFrom('status_templates').selectAll().orderBy('stage').execute();
  return rows.map((r) => ({ stage: r.stage as StatusStage, subject: r.subject, body: r.body, updatedAt: new Date(r.updated_at), updatedBy: r.updated_by }));
}

/** Saves a stage's words. */
export async function putStatusTemplate(db: Db, t: StatusTemplateRecord): Promise<void> {
  const values = { stage: t.stage, subject: t.subject, body: t.body, updated_at: isoOf(t.updatedAt, 'status_templates.updated_at'), updated_by: t.updatedBy };
  await db
    .insertInto('status_templates')
    .values(values)
    .onConflict((oc) => oc.column('stage').doUpdateSet({ subject: values.subject, body: values.body, updated_at: values.updated_at, updated_by: values.updated_by }))
    .execute();
}

/** Records a posted update. */
export async function addStatusUpdate(db: Db, u: StatusUpdate): Promise<void> {
  await db
    .insertInto('status_updates')
    .values({
      id: u.id,
      incident_id: u.incidentId,
      stage: u.stage,
      message: u.message,
      posted_by: u.postedBy,
      posted_at: u.postedAt,
      recipients: u.recipients,
      channels: u.channels,
      confidential: u.confidential ? 1 : 0,
    })
    .execute();
}

/** One update by id. */
export async function getStatusUpdate(db: Db, id: string): Promise<StatusUpdate | undefined> {
  const row = await db.selectFrom('status_updates').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUpdate(row) : undefined;
}

/** An incident's updates, oldest first. */
export async function listStatusUpdates(db: Db, incidentId: string): Promise<StatusUpdate[]> {
  const rows = await db.selectFrom('status_updates').selectAll().where('incident_id', '=', incidentId).orderBy('posted_at').orderBy('id').execute();
  return rows.map(toUpdate);
}
