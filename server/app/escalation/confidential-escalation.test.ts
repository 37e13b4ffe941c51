import { afterEach, describe, expect, it } from 'vitest';
import { type EscalationWorld, MIN, openEscalationWorld } from '../../../tests/support/escalation-world.js';

let world: EscalationWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('pages of an incident marked confidential mid-escalation (real store, manual clock)', () => {
  it('carries the redacted text on every page sent after the incident was marked confidential', async () => {
    world = await openEscalationWorld({}, undefined, (config) => {
      for (const user of config.users) if (user.id === 'bob' || user.id === 'cara') user.notify = [{ channel: 'email', after: 0 }];
    });
    const { h, clock, trigger } = world;
    const id = await trigger({ summary: 'Ransomware note on FS01', source: 'edr-secret' });
    await h.drain();
    expect(h.mails.map((m) => m.subject)).toEqual(['[Klaxon] HIGH: Ransomware note on FS01']);

    expect((await h.actions.setConfidential({ userId: 'ann', role: 'ir-manager' }, [id], true)).ok).toBe(true);
    // Nobody read it: level 2 (cara) is paged five minutes in, re-reading the incident at the send.
    clock.advance(5 * MIN);
    await h.drain();
    const repeats = h.mails.slice(1);
    expect(repeats.map((m) => m.to)).toEqual([['cara@example.com']]);
    for (const mail of repeats) {
      expect(mail.subject).toBe('[Klaxon] HIGH: Confidential incident on RMM alerts — open Klaxon');
      expect(`${mail.subject}\n${mail.text}`).not.toMatch(/Ransomware|FS01|edr-secret/);
    }
  });
});
