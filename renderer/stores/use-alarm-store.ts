import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useBoardServices } from '../board/board-services.js';
import { useServices } from '../services/services.js';
import { useIncidentsStore } from './use-incidents-store.js';
import { mutedBy } from '../../shared/schemas/maintenance.js';

/**
 * What the alarm tone really does on this console: `on` (it will be heard), `blocked` (the browser
 * holds audio until someone clicks or types: the tone would be silent) or `off` (muted here).
 */
export type AlarmSoundState = 'on' | 'blocked' | 'off';

/**
 * The board's alarm: every high priority incident nobody has acknowledged yet flashes on the board,
 * and this console plays a tone until all of them are acknowledged (or resolved). The tone can be
 * muted per console; the setting is kept by the host (electron-store on the desktop). When the
 * browser blocks audio (its autoplay policy after a reload) the store says so, never "on".
 */
export const useAlarmStore = defineStore('alarm', () => {
  const { sound } = useBoardServices();
  const { host } = useServices();
  const incidents = useIncidentsStore();

  const muted = ref(false);
  const alarming = computed(() => incidents.incidents.filter((i) => i.priority === 'high' && i.status === 'triggered' && !mutedBy(i)));
  // The same set while its members stay the same, so a live batch does not redraw every flashing row.
  const alarmingIds = computed<ReadonlySet<string>>((previous) => {
    const next = new Set(alarming.value.map((i) => i.id));
    if (previous && previous.size === next.size && [...next].every((id) => previous.has(id))) return previous;
    return next;
  });
  const ringing = computed(() => alarming.value.length > 0 && !muted.value);
  const blocked = ref(sound.blocked);
  sound.onBlockedChange((value) => (blocked.value = value));
  const soundState = computed<AlarmSoundState>(() => (muted.value ? 'off' : blocked.value ? 'blocked' : 'on'));

  /** Reads this console's mute setting from the host. */
  async function load(): Promise<void> {
    muted.value = (await host.getSettings()).soundMuted;
    // Find out now whether the browser lets the tone be heard, not when the first high incident comes.
    sound.probe();
  }

  /** Lets the tone be heard after a blocked start; call it from a click or key press. */
  async function unlock(): Promise<void> {
    await sound.unlock();
  }

  /** Mutes or unmutes the tone on this console (the rows keep flashing). */
  async function setMuted(value: boolean): Promise<void> {
    muted.value = value;
    await host.saveSettings({ soundMuted: value });
  }

  watch(
    ringing,
    (on) => {
      if (on) sound.start();
      else sound.stop();
    },
    { immediate: true },
  );
  // The tray shows how many high priority incidents wait (desktop only; a no-op in a browser).
  watch(
    () => alarming.value.length,
    (count) => host.setUnreadHighCount(count),
  );

  return { muted, alarming, alarmingIds, ringing, blocked, soundState, load, setMuted, unlock };
});
