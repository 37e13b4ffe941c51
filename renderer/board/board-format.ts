import type { BoardState } from '../../shared/schemas/incident.js';
import type { Page } from '../../shared/schemas/page.js';
import type { Priority } from '../../shared/schemas/priority.js';

/** How a priority looks on the board: always a word and an icon beside the colour. */
export const PRIORITY_LOOK: Record<Priority, { label: string; icon: string }> = {
  high: { label: 'High', icon: 'pi pi-exclamation-triangle' },
  medium: { label: 'Medium', icon: 'pi pi-exclamation-circle' },
  low: { label: 'Low', icon: 'pi pi-info-circle' },
};

/** How a board state looks: a word and an icon beside the colour. */
export const STATE_LOOK: Record<BoardState, { label: string; icon: string }> = {
  triggered: { label: 'Triggered', icon: 'pi pi-bell' },
  acknowledged: { label: 'Acknowledged', icon: 'pi pi-check' },
  deferred: { label: 'Deferred', icon: 'pi pi-clock' },
  unanswered: { label: 'Unanswered', icon: 'pi pi-volume-off' },
  resolved: { label: 'Resolved', icon: 'pi pi-check-circle' },
};

/** How far a page got, in words and an icon. */
export const PAGE_LOOK: Record<Page['state'], { label: string; icon: string }> = {
  queued: { label: 'queued', icon: 'pi pi-hourglass' },
  sent: { label: 'sent', icon: 'pi pi-send' },
  delivered: { label: 'delivered', icon: 'pi pi-check' },
  read: { label: 'read', icon: 'pi pi-eye' },
  failed: { label: 'failed', icon: 'pi pi-times' },
  cancelled: { label: 'cancelled', icon: 'pi pi-minus' },
};

/** A byte count for people ("512 B", "3.4 MB"). */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** The height of a board row in px: the table's scroll arithmetic and the rows' positions use it. */
export const BOARD_ROW_HEIGHT = 40;
