import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { IncidentStatus } from '../../shared/schemas/incident.js';
import type { PagePush } from '../../shared/schemas/page.js';
import type { DeviceCommand, DeviceLink, LinkState } from './device-link.js';
import { usePhoneServices } from './phone-services.js';

/** Test pages ("send me a test page") ring like pages but report no read to the relay. */
export const TEST_PAGE_PREFIX = 'test-';

/** A page as the phone shows it. */
export interface PhonePage extends PagePush {
  read: boolean;
  incidentStatus: IncidentStatus;
}

/**
 * The phone's pages: every page the relay pushes (live or replayed after a reconnect; duplicates by
 * id are dropped), the one that takes the whole screen, and the ring. An unread high page rings
 * until Read is pressed; the read receipt goes to the relay at once (or on reconnect, when offline).
 * After Read the page offers Acknowledge, Resolve and "I can't take it" (escalate now).
 */
export const usePagesStore = defineStore('phone-pages', () => {
  const { api, openLink, ringer } = usePhoneServices();
  const pages = ref<PhonePage[]>([]);
  const link = ref<LinkState>('connecting');
  const focusedId = ref<string | null>(null);
  const error = ref<string | null>(null);
  let current: DeviceLink | null = null;

  const ringingPages = computed(() => pages.value.filter((p) => !p.read && p.priority === 'high'));
  const ringing = computed(() => ringingPages.value.length > 0);
  const focused = computed(() => pages.value.find((p) => p.id === focusedId.value) ?? null);

  watch(ringing, (on) => (on ? ringer.start() : ringer.stop()), { immediate: true });

  function receive(push: PagePush, delivered: () => void): void {
    delivered();
    const known = pages.value.find((p) => p.id === push.id);
    if (known) {
      // A repeat of a page read here whose receipt the relay has not got yet: send it again.
      if (known.read && !push.id.startsWith(TEST_PAGE_PREFIX)) void send('page:read', { id: push.id });
      return;
    }
    pages.value = [{ ...push, read: false, incidentStatus: 'triggered' }, ...pages.value];
    if (push.priority === 'high' && (!focused.value || focused.value.read)) focusedId.value = push.id;
  }

  async function send(event: DeviceCommand, payload: { id: string } | { incidentId: string; duration?: number }): Promise<boolean> {
    if (!current) return false;
    const result = await current.command(event, payload);
    error.value = result.ok ? null : result.error.message;
    return result.ok;
  }

  const update = (id: string, patch: Partial<PhonePage>) => {
    pages.value = pages.value.map((p) => (p.id === id ? { ...p, ...patch } : p));
  };
  const ofIncident = (incidentId: string, patch: Partial<PhonePage>) => {
    pages.value = pages.value.map((p) => (p.incidentId === incidentId ? { ...p, ...patch } : p));
  };

  return {
    pages,
    link,
    focused,
    ringing,
    error,

    /** Takes a page the service worker got by Web Push while this app is open (it rings like a socket page). */
    receivePush(push: PagePush): void {
      receive(push, () => {});
    },

    /** Opens the link with the device token and loads my pages of open incidents. */
    async start(deviceToken: string): Promise<void> {
      current?.close();
      current = openLink(deviceToken);
      current.onState((state) => (link.value = state));
      current.onPage(receive);
      try {
        const mine = await api.myPages(deviceToken);
        const known = new Set(pages.value.map((p) => p.id));
        const listed = mine
          .filter((p) => !known.has(p.id) && p.state === 'read')
          .map(({ state: _state, ...p }) => ({ ...p, read: true, incidentStatus: p.incidentStatus }));
        pages.value = [...pages.value, ...listed];
      } catch {
        // Offline: the socket replays unread pages once it connects.
      }
    },

    /** Stops ringing for the page and reports the read to the relay at once. */
    async read(id: string): Promise<void> {
      update(id, { read: true });
      focusedId.value = id;
      if (!id.startsWith(TEST_PAGE_PREFIX)) await send('page:read', { id });
    },
    async acknowledge(incidentId: string): Promise<void> {
      if (await send('incident:acknowledge', { incidentId })) ofIncident(incidentId, { incidentStatus: 'acknowledged' });
    },
    async resolve(incidentId: string): Promise<void> {
      if (await send('incident:resolve', { incidentId })) ofIncident(incidentId, { incidentStatus: 'resolved' });
    },
    /** Snoozes the acknowledged incident for `duration` seconds: it pages again then unless resolved. */
    async snooze(incidentId: string, duration: number): Promise<boolean> {
      return send('incident:snooze', { incidentId, duration });
    },
    /** "I can't take it": the escalation moves to its next level now. */
    async escalate(incidentId: string): Promise<void> {
      if (await send('incident:escalate', { incidentId })) {
        pages.value = pages.value.filter((p) => p.incidentId !== incidentId);
        focusedId.value = null;
      }
    },
    /** Opens a page full screen (from the list), or closes the full-screen page. */
    focus(id: string | null): void {
      focusedId.value = id ?? ringingPages.value[0]?.id ?? null;
    },
    /** Watches one incident on the live link (null: none); `changed` runs whenever it changes. */
    watchIncident(incidentId: string | null, changed: () => void): void {
      current?.watch(incidentId, changed);
    },
    /** Closes the link and stops ringing (sign-out). */
    stop(): void {
      current?.close();
      current = null;
      pages.value = [];
      focusedId.value = null;
    },
  };
});
