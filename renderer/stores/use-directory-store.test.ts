import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeIncidentApi } from '../board/testing/board-fakes.js';
import { installBoardRig } from '../board/testing/install-board.js';
import { IncidentApiError } from '../board/incident-api.js';
import { useDirectoryStore } from './use-directory-store.js';

const auth = { relayUrl: 'http://relay', token: 't' };
let fail = false;

beforeEach(() => {
  fail = false;
  installBoardRig({
    api: createFakeIncidentApi({
      users: async () => {
        if (fail) throw new IncidentApiError(0, 'The relay at http://relay is unreachable');
        return [
          { id: 'ann', name: 'Ann Example', role: 'ir-manager' },
          { id: 'cara', name: 'Cara Example', role: 'forensic-analyst' },
        ];
      },
      services: async () => [
        { id: 'rmm', name: 'RMM alerts', team: 'noc' },
        { id: 'db', name: 'Databases', team: 'dba' },
      ],
    }),
  });
});

describe('useDirectoryStore', () => {
  it('names people and services, and falls back to the id for unknown ones', async () => {
    const directory = useDirectoryStore();
    expect(directory.userName('cara')).toBe('cara');
    await directory.load(auth);
    expect(directory.userName('cara')).toBe('Cara Example');
    expect(directory.userName(null)).toBe('');
    expect(directory.serviceName('db')).toBe('Databases');
    expect(directory.serviceName('gone')).toBe('gone');
    expect(directory.nameOf('rmm')).toBe('RMM alerts');
    expect(directory.teams).toEqual(['dba', 'noc']);
  });

  it('keeps the ids readable and says why when the relay cannot be reached', async () => {
    fail = true;
    const directory = useDirectoryStore();
    await directory.load(auth);
    expect(directory.error).toBe('The relay at http://relay is unreachable');
    expect(directory.users).toEqual([]);
  });
});
