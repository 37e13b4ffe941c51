import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Postmortem } from '../../../shared/schemas/postmortem.js';
import type { Role, User } from '../../../shared/schemas/user.js';
import type { ExportNames } from '../../core/postmortem-export/export-document.js';
import { postmortemMarkdown } from '../../core/postmortem-export/markdown.js';
import { confidentialTicketNote, postmortemTicketNotes } from '../../core/postmortem-export/ticket-note.js';
import { credentialsOf } from '../connectwise/credentials.js';
import { type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { ConnectWiseApi } from '../ports/connectwise-api.js';
import type { SecretBox } from '../ports/secret-box.js';
import type { Store } from '../ports/store.js';
import { exportNamesFor } from './export-names.js';

/**
 * Reads a post-mortem for a person, or throws (the relay's 404) when there is none or they may not
 * know its incident: the one need-to-know check every export goes through.
 */
export type PostmortemLoader = (who: { userId: string; role: Role; address?: string | null }, id: string) => Promise<Postmortem>;

/** Writes a post-mortem as a PDF (the pdfkit adapter in the relay). */
export type PostmortemPdfRenderer = (pm: Postmortem, names: ExportNames) => Promise<Buffer>;

/** Who asks, and from where (for the audit trail). */
export interface ExportActor {
  user: User;
  address?: string | null;
}

/** What the exports need. */
export interface PostmortemExportDeps {
  load: PostmortemLoader;
  store: Store;
  renderPdf: PostmortemPdfRenderer;
  /** ConnectWise: the API client, the box that opens console-set keys, and the environment for env-named keys. */
  connectwise: { api: ConnectWiseApi; box: SecretBox; env: Record<string, string | undefined> };
  /** The link to an incident in Klaxon (where a ticket note sends its readers). */
  incidentUrl: (incidentId: string) => string;
  audit?: AuditTrail;
}

/** A file to download: its safe name, its media type and its bytes or text. */
export interface ExportFile<T extends string | Buffer> {
  filename: string;
  contentType: string;
  body: T;
}

/** What posting the ticket note did: on which ticket, how many notes, and whether it was redacted. */
export interface TicketNoteResult {
  incidentId: string;
  ticketId: number;
  notes: number;
  internal: boolean;
  redacted: boolean;
}

/** The roles that may post a post-mortem to a ConnectWise ticket (responders and threat researchers read it only). */
const NOTE_ROLES: readonly Role[] = ['admin', 'ir-manager', 'triage-analyst', 'forensic-analyst'];

/** Tells whether a role may post a post-mortem's note to its incident's ConnectWise ticket. */
export function mayPostTicketNote(role: Role): boolean {
  return NOTE_ROLES.includes(role);
}

/** A file name made of the post-mortem's id, with nothing a header or a file system could misread. */
export function exportFilename(pm: Pick<Postmortem, 'id'>, extension: 'md' | 'pdf'): string {
  const id = pm.id.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'postmortem';
  return `klaxon-postmortem-${id}.${extension}`;
}

const refuse = (code: 'forbidden' | 'conflict' | 'unavailable', message: string) => ({ ok: false, error: { code, message } }) as const;

/**
 * The post-mortem exports: Markdown and PDF for everyone who may know the incident (the loader
 * decides), and the ConnectWise ticket note for the roles in `mayPostTicketNote`. Every export is
 * recorded in the audit trail; a ticket note is refused (409) with the reason when the incident has
 * no ticket yet or its connection cannot be used, and answers 502 when ConnectWise refuses it.
 */
export function createPostmortemExports(deps: PostmortemExportDeps) {
  const audit = deps.audit ?? noAuditTrail;
  const load = (actor: ExportActor, id: string) => deps.load({ userId: actor.user.id, role: actor.user.role, address: actor.address ?? null }, id);
  const record = (actor: ExportActor, pm: Postmortem, details: Record<string, unknown>) =>
    audit.record({ action: 'postmortem.exported', actorId: actor.user.id, address: actor.address ?? null, subject: { kind: 'postmortem', id: pm.id }, details });

  return {
    /** The post-mortem as Markdown (`text/markdown`). */
    async markdown(actor: ExportActor, id: string): Promise<ExportFile<string>> {
      const pm = await load(actor, id);
      const text = postmortemMarkdown(pm, await exportNamesFor(deps.store, pm));
      await record(actor, pm, { format: 'markdown' });
      return { filename: exportFilename(pm, 'md'), contentType: 'text/markdown; charset=utf-8', body: text };
    },

    /** The post-mortem as a PDF. */
    async pdf(actor: ExportActor, id: string): Promise<ExportFile<Buffer>> {
      const pm = await load(actor, id);
      const pdf = await deps.renderPdf(pm, await exportNamesFor(deps.store, pm));
      await record(actor, pm, { format: 'pdf' });
      return { filename: exportFilename(pm, 'pdf'), contentType: 'application/pdf', body: pdf };
    },

    /**
     * Posts the post-mortem as notes on the ConnectWise ticket of the incident it is filed under
     * (internal analysis unless `internal` is false); when any incident it covers is confidential,
     * the note says only that a post-mortem exists and where. The role is checked before the post-mortem is read.
     */
    async postTicketNote(actor: ExportActor, id: string, options: { internal: boolean }): Promise<CommandResult<TicketNoteResult>> {
      if (!mayPostTicketNote(actor.user.role)) {
        return refuse('forbidden', `posting a post-mortem to ConnectWise needs one of the roles ${NOTE_ROLES.join(', ')}; you are ${actor.user.role}`);
      }
      const pm = await load(actor, id);
      const incidentId = pm.incidentIds[0]!;
      const [incidents, ticket] = await Promise.all([Promise.all(pm.incidentIds.map((i) => deps.store.getIncident(i))), deps.store.getConnectWiseTicket(incidentId)]);
      if (!ticket) return refuse('conflict', `the incident ${incidentId} has no ConnectWise ticket (no connection covers its service or client)`);
      if (ticket.ticketId === null) {
        return refuse('conflict', `the ConnectWise ticket of the incident ${incidentId} is not created yet (${ticket.state}${ticket.reason ? `: ${ticket.reason}` : ''})`);
      }
      const connection = await deps.store.getConnectWiseConnection(ticket.connectionId);
      if (!connection) return refuse('conflict', `the ConnectWise connection "${ticket.connectionId}" no longer exists`);
      if (connection.brokenAt) return refuse('conflict', `the ConnectWise connection "${ticket.connectionId}" is broken: ${connection.brokenReason ?? 'refused'}`);
      const keys = credentialsOf(connection, deps.connectwise.box, deps.connectwise.env);
      if (!keys.ok) return refuse('conflict', `the ConnectWise connection "${ticket.connectionId}" cannot be used: ${keys.reason}`);

      const link = deps.incidentUrl(incidentId);
      // One confidential incident among those it covers (or one that cannot be read) keeps the whole note redacted.
      const redacted = incidents.some((incident) => incident?.confidential !== false);
      const notes = redacted ? [confidentialTicketNote(pm, link)] : postmortemTicketNotes(pm, await exportNamesFor(deps.store, pm), link);
      let posted = 0;
      let failure: string | undefined;
      for (const text of notes) {
        try {
          await deps.connectwise.api.addNote(keys.credentials, ticket.ticketId, { text, internal: options.internal });
          posted += 1;
        } catch (error) {
          failure = error instanceof Error ? error.message : String(error);
          break;
        }
      }
      await audit.record({
        action: 'postmortem.connectwise-note-posted',
        actorId: actor.user.id,
        address: actor.address ?? null,
        subject: { kind: 'postmortem', id: pm.id },
        details: { incidentId, ticketId: ticket.ticketId, connectionId: ticket.connectionId, notes: notes.length, posted, redacted, internal: options.internal, ...(failure ? { error: failure } : {}) },
      });
      if (failure) {
        const done = posted > 0 ? ` after ${posted} of ${notes.length} notes were posted` : '';
        return refuse('unavailable', `ConnectWise did not take the note${done}: ${failure}`);
      }
      return { ok: true, value: { incidentId, ticketId: ticket.ticketId, notes: posted, internal: options.internal, redacted } };
    },
  };
}

/** The post-mortem exports the routes call. */
export type PostmortemExports = ReturnType<typeof createPostmortemExports>;
