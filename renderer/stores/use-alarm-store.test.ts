import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { makeIncident } from '../board/testing/board-fakes.js';
import { type BoardTestRig, installBoardRig } from '../board/testing/install-board.js';
import { useAlarmStore } from './use-alarm-store.js';
import { useIncidentsStore } from './use-incidents-store.js';

let rig: BoardTestRig;
let tray: number[];

beforeEach(() => {
  rig = installBoardRig();
  tray = [];
  rig.host.setUnreadHighCount = (count) => tray.push(count);
});

async function board(...incidents: ReturnType<typeof makeIncident>[]) {
  rig.link.answer = () => ({ ok: true, value: { seq: 9, incidents } });
  useIncidentsStore().attach(rig.link);
  await new Promise((resolve) => setTimeout(resolve, 0));
  await nextTick();
}

describe('useAlarmStore', () => {
  it('rings for unacknowledged high priority incidents and stops when they are acknowledged', async () => {
    const alarm = useAlarmStore();
    await board(makeIncident('a', { priority: 'high', seq: 1 }), makeIncident('b', { priority: 'medium', seq: 2 }));
    expect([...alarm.alarmingIds]).toEqual(['a']);
    expect(alarm.ringing).toBe(true);
    expect(rig.board.sound.playing).toBe(true);
    expect(tray).toEqual([1]);

    rig.link.push('incident:updated', makeIncident('a', { priority: 'high', status: 'acknowledged', seq: 3 }));
    rig.frames.run();
    await nextTick();
    expect(alarm.ringing).toBe(false);
    expect(rig.board.sound.playing).toBe(false);
    expect(tray).toEqual([1, 0]);
  });

  it('keeps the same alarm set while its members stay (no redraw of every flashing row)', async () => {
    const alarm = useAlarmStore();
    await board(makeIncident('a', { priority: 'high', seq: 1 }), makeIncident('b', { priority: 'low', seq: 2 }));
    const before = alarm.alarmingIds;
    rig.link.push('incident:updated', makeIncident('b', { priority: 'low', seq: 3, alertCount: 2 }));
    rig.frames.run();
    expect(alarm.alarmingIds).toBe(before);
    rig.link.push('incident:updated', makeIncident('b', { priority: 'high', seq: 4 }));
    rig.frames.run();
    expect([...alarm.alarmingIds].sort()).toEqual(['a', 'b']);
  });

  it('keeps quiet for medium and low incidents', async () => {
    const alarm = useAlarmStore();
    await board(makeIncident('a', { priority: 'low', seq: 1 }));
    expect(alarm.ringing).toBe(false);
    expect(rig.board.sound.starts).toBe(0);
  });

  it('mutes the tone on this console and keeps the setting, while the rows still flash', async () => {
    rig.host.settings.soundMuted = true;
    const alarm = useAlarmStore();
    await alarm.load();
    await board(makeIncident('a', { priority: 'high', seq: 1 }));
    expect(alarm.alarmingIds.has('a')).toBe(true);
    expect(rig.board.sound.playing).toBe(false);
    await alarm.setMuted(false);
    await nextTick();
    expect(rig.board.sound.playing).toBe(true);
    expect(rig.host.settings.soundMuted).toBe(false);
  });
});

describe('useAlarmStore sound state', () => {
  it('says blocked, not on, while the browser holds audio, and on again after a gesture unlocks it', async () => {
    const alarm = useAlarmStore();
    await alarm.load();
    await board(makeIncident('a', { priority: 'high', seq: 1 }));
    expect(alarm.soundState).toBe('on');
    rig.board.sound.setBlocked(true);
    expect(alarm.blocked).toBe(true);
    expect(alarm.soundState).toBe('blocked');
    await alarm.unlock();
    expect(rig.board.sound.unlocks).toBe(1);
    expect(alarm.soundState).toBe('on');
  });

  it('says off when muted here, blocked or not', async () => {
    rig.host.settings.soundMuted = true;
    const alarm = useAlarmStore();
    await alarm.load();
    rig.board.sound.setBlocked(true);
    expect(alarm.soundState).toBe('off');
  });
});
