import type { BoardServices } from '../board-services.js';
import { createFakeApi, createFakeHost, type FakeHost } from '../../testing/fake-services.js';
import {
  createFakeIncidentApi,
  createFakeSocketLink,
  createFakeSound,
  createManualFrames,
  createMemoryStorage,
  type FakeSocketLink,
  installBoardTestPinia,
  type ManualFrames,
} from './board-fakes.js';

/** Everything a board store test drives. */
export interface BoardTestRig {
  host: FakeHost;
  link: FakeSocketLink;
  frames: ManualFrames;
  board: BoardServices & { sound: ReturnType<typeof createFakeSound>; storage: ReturnType<typeof createMemoryStorage> };
}

/** Installs a fresh Pinia with fake console and board services; `board` overrides some of them. */
export function installBoardRig(board: Partial<BoardServices> = {}): BoardTestRig {
  const host = createFakeHost();
  const link = createFakeSocketLink(true);
  const frames = createManualFrames();
  const services = {
    api: createFakeIncidentApi(),
    storage: createMemoryStorage(),
    nextFrame: frames.nextFrame,
    sound: createFakeSound(),
    ...board,
  } as BoardTestRig['board'];
  installBoardTestPinia(
    { host, api: createFakeApi(() => Promise.reject(new Error('login not faked'))), openLink: () => link, now: () => new Date('2026-11-28T12:00:00Z') },
    services,
  );
  return { host, link, frames, board: services };
}
