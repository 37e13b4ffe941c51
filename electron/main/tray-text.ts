/** The tray icon's tooltip for `count` unread high-priority incidents. */
export function trayTooltip(count: number): string {
  if (count <= 0) return 'Klaxon — no unread high-priority incidents';
  return `Klaxon — ${count} unread high-priority incident${count === 1 ? '' : 's'}`;
}

/** The text beside the tray icon where the platform shows one (macOS menu bar): the count, or nothing. */
export function trayTitle(count: number): string {
  return count > 0 ? String(count) : '';
}
