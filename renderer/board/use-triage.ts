import { ref } from 'vue';
import type { CommandResult } from '../../shared/schemas/command.js';
import type { Priority } from '../../shared/schemas/priority.js';
import { useIncidentsStore } from '../stores/use-incidents-store.js';
import type { SnoozeAsk } from '../snooze/snooze-choices.js';

/** The triage dialogs the board can show. */
export type TriageDialog = 'dismiss' | 'triage' | 'forensic' | 'priority' | 'snooze';

const plural = (n: number) => (n === 1 ? '1 incident' : `${n} incidents`);

/**
 * The board's triage actions on the incidents `targets()` names (the selection, else the cursor row):
 * acknowledge and resolve at once, dismiss, assign and set priority after a dialog. Each goes to the
 * relay, which authorises it; a refusal is kept in `error` for the board to show.
 */
export function useTriage(targets: () => string[]) {
  const incidents = useIncidentsStore();
  const error = ref<string | null>(null);
  const notice = ref<string | null>(null);
  const dialog = ref<TriageDialog | null>(null);
  /** The incidents the open dialog acts on, fixed when it opened. */
  const chosen = ref<string[]>([]);

  async function run(label: string, ids: string[], work: (ids: string[]) => Promise<CommandResult<undefined>>): Promise<boolean> {
    if (ids.length === 0) {
      error.value = 'Choose an incident first: move with j and k, or click a row.';
      return false;
    }
    const result = await work(ids);
    if (result.ok) {
      error.value = null;
      notice.value = `${label}: ${plural(ids.length)}`;
      return true;
    }
    notice.value = null;
    error.value = `${label} refused — ${result.error.message}`;
    return false;
  }

  /** Opens a dialog for the current targets (or says that there are none). */
  function open(kind: TriageDialog): void {
    const ids = targets();
    if (ids.length === 0) {
      error.value = 'Choose an incident first: move with j and k, or click a row.';
      return;
    }
    chosen.value = ids;
    dialog.value = kind;
  }

  return {
    error,
    notice,
    dialog,
    chosen,
    open,
    /** Acknowledges the targets. */
    acknowledge: () => run('Acknowledged', targets(), (ids) => incidents.acknowledge(ids)),
    /** Resolves the targets. */
    resolve: () => run('Resolved', targets(), (ids) => incidents.resolve(ids)),
    /** Dismisses the dialog's incidents as false positives. */
    dismiss: (reason: string) => run('Dismissed as false positive', chosen.value, (ids) => incidents.dismiss(ids, reason)),
    /** Records the triage verdict "confirmed" (a real incident) on the targets, without closing them. */
    confirm: () => run('Confirmed as a real incident', targets(), (ids) => incidents.verdict(ids, 'confirmed')),
    /** Assigns the dialog's incidents to a triage or forensic analyst. */
    assign: (role: 'triage' | 'forensic', userId: string | null) =>
      run(role === 'triage' ? 'Triage analyst assigned' : 'Forensic analyst assigned', chosen.value, (ids) => incidents.assign(ids, role, userId)),
    /** Sets the dialog's incidents' priority. */
    setPriority: (priority: Priority) => run('Priority set', chosen.value, (ids) => incidents.setPriority(ids, priority)),
    /** Snoozes the dialog's incidents (acknowledged ones; the relay refuses others with why). */
    snooze: (ask: SnoozeAsk) => run('Snoozed', chosen.value, (ids) => incidents.snooze(ids, ask)),
    /** Ends the snooze of the targets now. */
    unsnooze: () => run('Snooze ended', targets(), (ids) => incidents.unsnooze(ids)),
  };
}
