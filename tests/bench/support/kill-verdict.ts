import pg from 'pg';
import type { SmtpSink } from '../../support/smtp-sink.js';
import type { RoamingPhone } from './roaming-phone.js';

/** What became of the accepted alerts, read from the shared database, the phones and the mail sink. */
export interface KillVerdict {
  accepted: number;
  /** Dedup keys answered 2xx with no incident in the database. */
  lost: string[];
  /** Incidents whose level-2 escalation or failover is missing from the timeline. */
  stepsSkipped: string[];
  /** Escalation steps recorded more than once (a step run twice). */
  stepsDoubled: number;
  /** Page rows of the accepted incidents (each must reach a phone of its person). */
  pages: number;
  /** Incidents with fewer page rows than the policy's two levels. */
  pagesMissing: string[];
  /** Page rows that no phone of the paged person received. */
  pagesUndelivered: string[];
  /** Page rows the database still has as not delivered (queued or sent). */
  pagesNotMarkedDelivered: number;
  /** Extra arrivals of a page id on one phone (the phone drops them by id). */
  duplicates: number;
  /** Pages that arrived on a phone of someone they were not for (need-to-know across relays). */
  strayPages: number;
  /** Incidents whose failover e-mail reached the mail server. */
  failoverMails: number;
  /** Failover e-mails beyond one per incident (at-least-once sends after the crash). */
  failoverMailDuplicates: number;
}

/** Whether nothing is missing (yet): every alert stored, every step taken, every page and mail arrived. */
export function settled(v: KillVerdict): boolean {
  return v.lost.length === 0 && v.stepsSkipped.length === 0 && v.pagesMissing.length === 0 && v.pagesUndelivered.length === 0 && v.failoverMails === v.accepted;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Reads the verdict once. */
export async function readVerdict(databaseUrl: string, acceptedKeys: string[], phones: RoamingPhone[], mail: SmtpSink): Promise<KillVerdict> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const incidents = (await client.query<{ id: string; dedup_key: string }>('select id, dedup_key from incidents where dedup_key = any($1)', [acceptedKeys])).rows;
    const byKey = new Set(incidents.map((i) => i.dedup_key));
    const ids = incidents.map((i) => i.id);
    const steps = (
      await client.query<{ incident_id: string; type: string; n: number }>(
        `select incident_id, type, count(*)::int as n from timeline_events
         where incident_id = any($1) and type in ('escalation.level', 'failover.sent') group by incident_id, type`,
        [ids],
      )
    ).rows;
    const pages = (await client.query<{ id: string; incident_id: string; user_id: string; state: string }>('select id, incident_id, user_id, state from pages where incident_id = any($1)', [ids])).rows;

    const stepsOf = new Map<string, Map<string, number>>();
    for (const s of steps) stepsOf.set(s.incident_id, (stepsOf.get(s.incident_id) ?? new Map<string, number>()).set(s.type, s.n));
    const pagesOf = new Map<string, number>();
    for (const p of pages) pagesOf.set(p.incident_id, (pagesOf.get(p.incident_id) ?? 0) + 1);
    const receivedBy = new Map<string, Set<string>>();
    let duplicates = 0;
    for (const phone of phones) {
      for (const [id, times] of phone.received) {
        (receivedBy.get(id) ?? receivedBy.set(id, new Set()).get(id)!).add(phone.userId);
        duplicates += times - 1;
      }
    }
    const pageUser = new Map(pages.map((p) => [p.id, p.user_id]));
    let strayPages = 0;
    for (const phone of phones) for (const id of phone.received.keys()) if (pageUser.get(id) !== phone.userId) strayPages++;
    const mailed = new Map<string, number>();
    for (const message of mail.messages) for (const id of new Set(message.text.match(UUID) ?? [])) mailed.set(id, (mailed.get(id) ?? 0) + 1);

    return {
      accepted: acceptedKeys.length,
      lost: acceptedKeys.filter((key) => !byKey.has(key)),
      stepsSkipped: ids.filter((id) => !stepsOf.get(id)?.get('escalation.level') || !stepsOf.get(id)?.get('failover.sent')),
      stepsDoubled: steps.reduce((sum, s) => sum + Math.max(0, s.n - 1), 0),
      pages: pages.length,
      pagesMissing: ids.filter((id) => (pagesOf.get(id) ?? 0) < 2),
      pagesUndelivered: pages.filter((p) => !receivedBy.get(p.id)?.has(p.user_id)).map((p) => p.id),
      pagesNotMarkedDelivered: pages.filter((p) => p.state === 'queued' || p.state === 'sent').length,
      duplicates,
      strayPages,
      failoverMails: ids.filter((id) => mailed.has(id)).length,
      failoverMailDuplicates: ids.reduce((sum, id) => sum + Math.max(0, (mailed.get(id) ?? 0) - 1), 0),
    };
  } finally {
    await client.end();
  }
}

/**
 * Reads the verdict until it is settled or `deadlineMs` has passed, and returns the last one (a
 * condition with a generous deadline, never a timed assertion).
 */
export async function awaitVerdict(
  databaseUrl: string,
  acceptedKeys: string[],
  phones: RoamingPhone[],
  mail: SmtpSink,
  deadlineMs: number,
  progress: (verdict: KillVerdict) => void = () => undefined,
): Promise<KillVerdict> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const verdict = await readVerdict(databaseUrl, acceptedKeys, phones, mail);
    if (settled(verdict) || Date.now() > until) return verdict;
    progress(verdict);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
