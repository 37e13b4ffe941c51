import { describe, expect, it } from 'vitest';
import { ClientSchema } from '../../../shared/schemas/client.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import type { ClientRecord, ClientSession } from '../ports/client-store.js';
import { createClientDirectory } from './client-directory.js';

function countingSession(names: string[]): ClientSession & { reads: number } {
  const session = {
    reads: 0,
    async listClients(): Promise<ClientRecord[]> {
      session.reads += 1;
      return names.map((id, position) => ({
        client: ClientSchema.parse({ id, name: id, services: [`${id}-svc`] }),
        managedBy: 'file',
        configDigest: null,
        position,
        updatedAt: new Date(0),
        deletedAt: null,
      }));
    },
    getClientRecord: async () => undefined,
    saveClient: async () => undefined,
  };
  return session;
}

describe('the client directory', () => {
  it('reads the clients once for many alerts, again after a write here, and again when 30 s old', async () => {
    const clock = createManualClock(new Date('2026-11-02T14:00:00Z'));
    const names = ['acme'];
    const session = countingSession(names);
    const directory = createClientDirectory({ clock });
    for (let i = 0; i < 100; i++) expect((await directory.current(session)).ownerOf('acme-svc')?.id).toBe('acme');
    expect(session.reads).toBe(1);

    names.push('globex');
    directory.invalidate();
    expect((await directory.current(session)).ownerOf('globex-svc')?.id).toBe('globex');
    expect(session.reads).toBe(2);

    // Another relay's write shows once the map is 30 seconds old.
    names.push('initech');
    clock.advance(29_999);
    expect((await directory.current(session)).ownerOf('initech-svc')).toBeUndefined();
    clock.advance(1);
    expect((await directory.current(session)).ownerOf('initech-svc')?.id).toBe('initech');
    expect(session.reads).toBe(3);
  });
});
