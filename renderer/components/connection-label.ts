import type { ConnectionState } from '../stores/use-connection-store.js';

/** What the connection banner shows: text, an icon and a tone, so colour is never the only signal. */
export interface ConnectionLabel {
  text: string;
  icon: string;
  tone: 'live' | 'reconnecting' | 'offline';
}

/** Formats a time as 24-hour "HH:MM" in the console's local time zone. */
export function formatClock(at: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
}

/** Chooses the banner's text and icon for a connection state. */
export function connectionLabel(
  state: ConnectionState,
  offlineSince: Date | null,
  everConnected: boolean,
  timeZone?: string,
): ConnectionLabel {
  if (state === 'live') return { text: 'Live', icon: 'pi pi-circle-fill', tone: 'live' };
  if (state === 'reconnecting') {
    return { text: everConnected ? 'Reconnecting…' : 'Connecting…', icon: 'pi pi-sync pi-spin', tone: 'reconnecting' };
  }
  const text = offlineSince ? `Offline since ${formatClock(offlineSince, timeZone)}` : 'Offline';
  return { text, icon: 'pi pi-exclamation-triangle', tone: 'offline' };
}
