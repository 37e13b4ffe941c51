import { BOARD_SHORTCUTS, type BoardCommand, boardCommandFor, type KeyPress, type ShortcutHelp } from '../board-shortcuts.js';

/**
 * The board's commands that make sense on one incident's page, with the board's keys: the detail
 * page reads keys through the board's key map, so a key means the same thing on both.
 */
export const DETAIL_COMMANDS = ['acknowledge', 'false-positive', 'confirm', 'resolve', 'assign-triage', 'assign-forensic', 'priority', 'help'] as const;

/** A board command the detail page carries out. */
export type DetailCommand = (typeof DETAIL_COMMANDS)[number];

const offered = new Set<BoardCommand>(DETAIL_COMMANDS);

/** The help dialog's lines for the detail page (the board's, for the commands it offers). */
export const DETAIL_SHORTCUTS: readonly ShortcutHelp[] = BOARD_SHORTCUTS.filter((s) => offered.has(s.command));

/** Maps a key press to a detail page command through the board's key map, or null. */
export function detailCommandFor(press: KeyPress): DetailCommand | null {
  const command = boardCommandFor(press);
  return command && offered.has(command) ? (command as DetailCommand) : null;
}
