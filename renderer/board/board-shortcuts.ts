/** What a key press on the board asks for. */
export type BoardCommand =
  | 'down'
  | 'up'
  | 'toggle-select'
  | 'select-all'
  | 'clear'
  | 'acknowledge'
  | 'false-positive'
  | 'confirm'
  | 'resolve'
  | 'assign-triage'
  | 'assign-forensic'
  | 'priority'
  | 'snooze'
  | 'unsnooze'
  | 'search'
  | 'open'
  | 'help';

/** One shortcut as the help dialog lists it, with the command it gives (pages offering a part of them filter on it). */
export interface ShortcutHelp {
  keys: string;
  does: string;
  command: BoardCommand;
}

/** The shortcuts as the help dialog lists them. */
export const BOARD_SHORTCUTS: readonly ShortcutHelp[] = [
  { keys: 'j / ↓', does: 'Next incident', command: 'down' },
  { keys: 'k / ↑', does: 'Previous incident', command: 'up' },
  { keys: 'x / Space', does: 'Select or unselect the incident', command: 'toggle-select' },
  { keys: 'Ctrl+A', does: 'Select every incident shown', command: 'select-all' },
  { keys: 'Esc', does: 'Clear the selection', command: 'clear' },
  { keys: 'a', does: 'Acknowledge', command: 'acknowledge' },
  { keys: 'f', does: 'Dismiss as a false positive (asks why)', command: 'false-positive' },
  { keys: 'v', does: 'Verdict: confirmed, a real incident', command: 'confirm' },
  { keys: 'r', does: 'Resolve', command: 'resolve' },
  { keys: 't', does: 'Assign a triage analyst', command: 'assign-triage' },
  { keys: 'g', does: 'Assign a forensic analyst', command: 'assign-forensic' },
  { keys: 'p', does: 'Set the priority', command: 'priority' },
  { keys: 'z', does: 'Snooze (acknowledged incidents)', command: 'snooze' },
  { keys: 'Shift+Z', does: 'End the snooze', command: 'unsnooze' },
  { keys: 'Enter', does: 'Open the incident', command: 'open' },
  { keys: '/', does: 'Search', command: 'search' },
  { keys: '?', does: 'Show these shortcuts', command: 'help' },
];

const PLAIN: Record<string, BoardCommand> = {
  j: 'down',
  ArrowDown: 'down',
  k: 'up',
  ArrowUp: 'up',
  x: 'toggle-select',
  ' ': 'toggle-select',
  Escape: 'clear',
  a: 'acknowledge',
  f: 'false-positive',
  v: 'confirm',
  r: 'resolve',
  t: 'assign-triage',
  g: 'assign-forensic',
  p: 'priority',
  z: 'snooze',
  Z: 'unsnooze',
  '/': 'search',
  Enter: 'open',
  '?': 'help',
};

/** The parts of a key event the board looks at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The element that had focus: typing in a field is not a shortcut. */
  target: EventTarget | null;
}

/** Tells whether focus is in something people type into. */
function isTyping(target: EventTarget | null): boolean {
  const element = target as { tagName?: string; isContentEditable?: boolean; getAttribute?: (name: string) => string | null } | null;
  if (!element?.tagName) return false;
  // PrimeVue's selects are focusable spans with the combobox role; their keys are theirs.
  if (element.getAttribute?.('role') === 'combobox') return true;
  return element.isContentEditable === true || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

/** Tells whether the key activates the focused button or link (Enter or Space on one): its key, not the board's. */
function activatesFocused(press: KeyPress): boolean {
  const tagName = (press.target as { tagName?: string } | null)?.tagName;
  return (press.key === 'Enter' || press.key === ' ') && (tagName === 'BUTTON' || tagName === 'A');
}

/** Maps a key press to a board command, or null when it is not one of the board's shortcuts. */
export function boardCommandFor(press: KeyPress): BoardCommand | null {
  if (isTyping(press.target) || press.altKey || activatesFocused(press)) return null;
  if (press.ctrlKey || press.metaKey) return press.key === 'a' ? 'select-all' : null;
  return PLAIN[press.key] ?? null;
}
