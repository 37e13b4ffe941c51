import type { ConnectionState } from '../stores/use-connection-store.js';
import { type ClockDisplay, formatInstant } from '../time/format-instant.js';

/** What the connection banner shows: text, an icon and a tone, so colour is never the only signal. */
export interface ConnectionLabel {
  text: string;
  icon: string;
  tone: 'live' | 'reconnecting' | 'offline';
}

/** Chooses the banner's text and icon for a connection state. */
export function connectionLabel(
  state: ConnectionState,
  offlineSince: Date | null,
  everConnected: boolean,
  display: ClockDisplay,
): ConnectionLabel {
  if (state === 'live') return { text: 'Live', icon: 'pi pi-circle-fill', tone: 'live' };
  if (state === 'reconnecting') {
    return { text: everConnected ? 'Reconnecting…' : 'Connecting…', icon: 'pi pi-sync pi-spin', tone: 'reconnecting' };
  }
  const text = offlineSince ? `Offline since ${formatInstant(offlineSince, { ...display, style: 'time' })}` : 'Offline';
  return { text, icon: 'pi pi-exclamation-triangle', tone: 'offline' };
}
