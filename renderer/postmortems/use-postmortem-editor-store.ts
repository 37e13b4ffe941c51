import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import type { Postmortem, PostmortemEdit, PostmortemFieldName, PostmortemFields } from '../../shared/schemas/postmortem.js';
import type { RelayDownload } from '../services/relay-request.js';
import { useSessionStore } from '../stores/use-session-store.js';
import type { LinkableSchedule, LinkableService, PostmortemExportFormat } from './postmortem-api.js';
import { applyIncoming, conflictText, type RemoteChange, sameValue } from './postmortem-merge.js';
import { relayAuth, usePostmortemsStore } from './use-postmortems-store.js';

/** How the editor's post-mortem stands. */
export type EditorStatus = 'idle' | 'loading' | 'ready' | 'missing' | 'denied' | 'error';

/** A field's save state, for the saved/saving indicator. */
export type FieldSaveState = 'saving' | 'saved' | 'error';

/** The value an edit of `field` carries. */
type FieldValue<F extends PostmortemFieldName> = Extract<PostmortemEdit, { field: F }>['value'];

/** A local edit of one field: what the person has written, and what the field held when they began. */
interface Draft {
  value: unknown;
  /** The field's value when the edit began: a draft still equal to it changes nothing. */
  base: unknown;
  /** The field's version when the edit began (the edit's `baseVersion`). */
  baseVersion: number;
}

const MANAGER_ROLES = ['admin', 'ir-manager'];

/**
 * One post-mortem in the editor. Fields are edited locally (a draft per field) and saved one at a
 * time; pushes from other editors replace every field except one being edited here, for which a
 * "changed by" note is kept instead. The answer to a save carries the relay's conflict note.
 */
export const usePostmortemEditorStore = defineStore('postmortem-editor', () => {
  const list = usePostmortemsStore();
  const api = list.api;
  const session = useSessionStore();

  const postmortem = shallowRef<Postmortem | null>(null);
  const status = ref<EditorStatus>('idle');
  const loadError = ref<string | null>(null);
  const drafts = reactive(new Map<PostmortemFieldName, Draft>());
  const focused = reactive(new Set<PostmortemFieldName>());
  const saveState = reactive(new Map<PostmortemFieldName, FieldSaveState>());
  const saveErrors = reactive(new Map<PostmortemFieldName, string>());
  const remoteChanges = reactive(new Map<PostmortemFieldName, RemoteChange>());
  /** The conflict note of the last save that overwrote someone (raw, the view names the person). */
  const conflict = shallowRef<Parameters<typeof conflictText>[0]>(null);
  const actionError = ref<string | null>(null);
  const notice = ref<string | null>(null);
  const busy = ref<string | null>(null);
  const services = shallowRef<readonly LinkableService[]>([]);
  const schedules = shallowRef<readonly LinkableSchedule[]>([]);
  const hasTicket = ref(false);
  let stopPush: (() => void) | null = null;
  let stopReconnect: (() => void) | null = null;
  let openSeq = 0;

  const readOnly = computed(() => postmortem.value?.state === 'signed_off');
  const maySignOff = computed(() => !!session.user && MANAGER_ROLES.includes(session.user.role));

  /** Opens the post-mortem `id`: fetches it, the link picker's choices, and follows pushes. */
  async function open(id: string): Promise<void> {
    close();
    const mine = ++openSeq;
    status.value = 'loading';
    stopPush = list.onPush((incoming) => receive(incoming));
    stopReconnect = list.onReconnect(() => void refresh());
    try {
      const auth = relayAuth(session);
      const found = await api.get(auth, id);
      if (mine !== openSeq) return;
      postmortem.value = found;
      status.value = 'ready';
      void loadChoices(mine, found);
    } catch (cause) {
      if (mine !== openSeq) return;
      const code = (cause as { status?: number }).status;
      status.value = code === 404 ? 'missing' : code === 403 ? 'denied' : 'error';
      loadError.value = (cause as Error).message;
    }
  }

  async function loadChoices(mine: number, found: Postmortem): Promise<void> {
    const auth = relayAuth(session);
    const [known, plans, sync] = await Promise.allSettled([
      api.services(auth),
      api.schedules(auth),
      api.hasTicket(auth, found.incidentIds[0]!),
    ]);
    if (mine !== openSeq) return;
    if (known.status === 'fulfilled') services.value = known.value;
    if (plans.status === 'fulfilled') schedules.value = plans.value;
    hasTicket.value = sync.status === 'fulfilled' && sync.value;
  }

  /** Fetches the open post-mortem again (after a reconnect, or to retry). */
  async function refresh(): Promise<void> {
    const current = postmortem.value;
    if (!current) return;
    try {
      receive(await api.get(relayAuth(session), current.id));
    } catch (cause) {
      actionError.value = (cause as Error).message;
    }
  }

  /** Forgets the open post-mortem and stops following pushes. */
  function close(): void {
    openSeq++;
    stopPush?.();
    stopReconnect?.();
    stopPush = null;
    stopReconnect = null;
    postmortem.value = null;
    status.value = 'idle';
    loadError.value = null;
    for (const map of [drafts, saveState, saveErrors, remoteChanges]) map.clear();
    focused.clear();
    conflict.value = null;
    actionError.value = null;
    notice.value = null;
    hasTicket.value = false;
  }

  /** Takes a copy from the relay (a push, a fetch, an answer): newer only, fields under edit kept. */
  function receive(incoming: Postmortem): void {
    // Nothing open (closed meanwhile): an answer that arrives late is only news for the list.
    if (!postmortem.value) return list.put(incoming);
    const underEdit = new Set<PostmortemFieldName>([...drafts.keys(), ...focused]);
    const outcome = applyIncoming(postmortem.value, incoming, underEdit, session.user?.id ?? null);
    if (!outcome.next) return;
    postmortem.value = outcome.next;
    for (const change of outcome.changedUnderEdit) remoteChanges.set(change.field, change);
    list.put(outcome.next);
  }

  /** The value the editor shows for `field`: the person's draft, else the relay's. */
  function value<F extends PostmortemFieldName>(field: F): PostmortemFields[F] {
    const draft = drafts.get(field);
    return (draft ? draft.value : postmortem.value?.fields[field]) as PostmortemFields[F];
  }

  /** Whether `field` holds something the person wrote that is not saved yet. */
  function isDirty(field: PostmortemFieldName): boolean {
    const draft = drafts.get(field);
    return !!draft && !sameValue(draft.value, draft.base);
  }

  /**
   * The person focused a field: from now on pushes do not replace it under their hands (it is pinned
   * by an unchanged draft until they leave it; a push then shows a "changed by" note instead).
   */
  function focus(field: PostmortemFieldName): void {
    focused.add(field);
    const current = postmortem.value;
    if (current && !drafts.has(field)) pin(field, current.fields[field], current.stamps[field]?.version ?? 0);
  }

  function pin(field: PostmortemFieldName, value: unknown, version: number): void {
    drafts.set(field, { value, base: value, baseVersion: version });
  }

  /** The person left a field without saving it (what they wrote cannot be sent yet): pushes reach it again once it is unchanged. */
  function unfocus(field: PostmortemFieldName): void {
    focused.delete(field);
    if (!isDirty(field)) drafts.delete(field);
  }

  /** The person left a field: saves what they wrote. */
  async function blur(field: PostmortemFieldName): Promise<void> {
    focused.delete(field);
    await save(field);
  }

  /** Records what the person wrote in `field` (saved later by `save`). */
  function write<F extends PostmortemFieldName>(field: F, next: FieldValue<F>): void {
    const current = postmortem.value;
    if (!current || readOnly.value) return;
    const draft = drafts.get(field);
    if (draft) draft.value = next;
    else drafts.set(field, { value: next, base: current.fields[field], baseVersion: current.stamps[field]?.version ?? 0 });
  }

  /** Saves the draft of `field`, if it changes anything; a failed save keeps the draft and says why. */
  async function save(field: PostmortemFieldName): Promise<boolean> {
    const current = postmortem.value;
    const draft = drafts.get(field);
    if (!current || !draft) return true;
    if (sameValue(draft.value, draft.base)) {
      // Nothing written: once the person left the field it shows the relay's value (and any change made meanwhile).
      if (!focused.has(field)) {
        drafts.delete(field);
        remoteChanges.delete(field);
      }
      return true;
    }
    const sent = draft.value;
    const mine = openSeq;
    saveState.set(field, 'saving');
    try {
      const result = await api.edit(relayAuth(session), current.id, { field, value: sent, baseVersion: draft.baseVersion } as PostmortemEdit);
      receive(result.postmortem);
      if (mine !== openSeq) return true;
      const after = drafts.get(field);
      const version = result.postmortem.stamps[field]?.version ?? draft.baseVersion;
      if (after && sameValue(after.value, sent) && !focused.has(field)) drafts.delete(field);
      else if (after) {
        // Still in the field (or typing on): the next save starts from the version just written.
        after.base = sent;
        after.baseVersion = version;
      }
      remoteChanges.delete(field);
      saveErrors.delete(field);
      if (result.conflict) conflict.value = result.conflict;
      saveState.set(field, 'saved');
      return true;
    } catch (cause) {
      if (mine !== openSeq) return false;
      saveState.set(field, 'error');
      saveErrors.set(field, (cause as Error).message);
      return false;
    }
  }

  /** Writes and saves at once (a radio, a select, an added or removed item). */
  async function commit<F extends PostmortemFieldName>(field: F, next: FieldValue<F>): Promise<boolean> {
    write(field, next);
    return save(field);
  }

  /** Saves every draft (before a state change). */
  async function saveAll(): Promise<boolean> {
    const results = await Promise.all([...drafts.keys()].map((field) => save(field)));
    return results.every(Boolean);
  }

  /** Moves the post-mortem to `to` (submit for review, send back, sign off); the relay's refusal is shown. */
  async function transition(to: 'draft' | 'in_review' | 'signed_off'): Promise<boolean> {
    const current = postmortem.value;
    if (!current) return false;
    busy.value = 'transition';
    actionError.value = null;
    try {
      if (!(await saveAll())) {
        actionError.value = 'Some fields could not be saved; fix them first.';
        return false;
      }
      receive(await api.transition(relayAuth(session), current.id, to));
      return true;
    } catch (cause) {
      actionError.value = (cause as Error).message;
      return false;
    } finally {
      busy.value = null;
    }
  }

  /** Adds a comment; false (and the reason shown) when the relay refused it. */
  async function addComment(body: string): Promise<boolean> {
    const current = postmortem.value;
    if (!current) return false;
    busy.value = 'comment';
    actionError.value = null;
    try {
      receive(await api.comment(relayAuth(session), current.id, body));
      return true;
    } catch (cause) {
      actionError.value = (cause as Error).message;
      return false;
    } finally {
      busy.value = null;
    }
  }

  /** Fetches an export with the token and hands the file to `save` (the view downloads it). */
  async function exportFile(format: PostmortemExportFormat, save: (file: RelayDownload) => void): Promise<void> {
    const current = postmortem.value;
    if (!current) return;
    busy.value = `export-${format}`;
    actionError.value = null;
    try {
      save(await api.exportFile(relayAuth(session), current.id, format));
    } catch (cause) {
      actionError.value = (cause as Error).message;
    } finally {
      busy.value = null;
    }
  }

  /** Adds the post-mortem as a note on the incident's ConnectWise ticket. */
  async function connectWiseNote(): Promise<void> {
    const current = postmortem.value;
    if (!current) return;
    busy.value = 'connectwise';
    actionError.value = null;
    notice.value = null;
    try {
      await api.connectWiseNote(relayAuth(session), current.id);
      notice.value = 'The post-mortem was added as a note on the ConnectWise ticket.';
    } catch (cause) {
      actionError.value = (cause as Error).message;
    } finally {
      busy.value = null;
    }
  }

  return {
    postmortem,
    status,
    loadError,
    drafts,
    saveState,
    saveErrors,
    remoteChanges,
    conflict,
    actionError,
    notice,
    busy,
    services,
    schedules,
    hasTicket,
    readOnly,
    maySignOff,
    open,
    refresh,
    close,
    receive,
    value,
    isDirty,
    focus,
    unfocus,
    blur,
    write,
    save,
    commit,
    saveAll,
    transition,
    addComment,
    exportFile,
    connectWiseNote,
  };
});
