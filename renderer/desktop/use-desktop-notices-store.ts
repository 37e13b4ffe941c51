import { defineStore } from 'pinia';
import { watch } from 'vue';
import type { Incident } from '../../shared/schemas/incident.js';
import { useServices } from '../services/services.js';
import { newHighIncidentNotices } from './high-incident-notices.js';

/** What the notices follow: the board's open incidents, and a way to open one. */
export interface NoticeSource {
  incidents: () => readonly Incident[];
  /** How many snapshots the board has loaded; 0 until the first. */
  syncCount: () => number;
  openIncident: (id: string) => void;
}

/**
 * Native notifications for new high-priority incidents (the desktop shows them through the host
 * bridge; clicking one comes back as a deep link, which opens the incident — as `klaxon://incident/<id>`
 * links do). The incidents of the first snapshot are taken as known: opening the console does not
 * replay old alarms.
 */
export const useDesktopNoticesStore = defineStore('desktop-notices', () => {
  const { host } = useServices();
  let stopWatch: (() => void) | null = null;
  let stopLinks: (() => void) | null = null;

  /** Starts following `source`; calling it again restarts. */
  function start(source: NoticeSource): void {
    stop();
    const known = new Set<string>();
    let seeded = false;
    stopWatch = watch(
      () => [source.incidents(), source.syncCount()] as const,
      ([incidents, syncs]) => {
        if (syncs === 0) return;
        const notices = newHighIncidentNotices(known, incidents);
        if (!seeded) {
          seeded = true;
          return;
        }
        for (const notice of notices) host.notify(notice);
      },
      { immediate: true },
    );
    stopLinks = host.onDeepLink((link) => source.openIncident(link.id));
  }

  /** Stops following (on sign-out). */
  function stop(): void {
    stopWatch?.();
    stopLinks?.();
    stopWatch = null;
    stopLinks = null;
  }

  return { start, stop };
});
