import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeApi, createFakeHost, createFakeLink, installTestPinia } from '../testing/fake-services.js';
import { OFFLINE_AFTER_ATTEMPTS, useConnectionStore } from './use-connection-store.js';

describe('useConnectionStore', () => {
  let clock: Date;

  beforeEach(() => {
    clock = new Date('2030-01-01T09:00:00Z');
    installTestPinia({
      host: createFakeHost(),
      api: createFakeApi(async () => {
        throw new Error('not used');
      }),
      openLink: () => createFakeLink(),
      now: () => clock,
    });
  });

  it('is reconnecting (connecting) until the first connect, then live', () => {
    const connection = useConnectionStore();
    const link = createFakeLink(false);
    connection.follow(link);
    expect(connection.state).toBe('reconnecting');
    expect(connection.everConnected).toBe(false);
    link.fire({ type: 'connected' });
    expect(connection.state).toBe('live');
    expect(connection.everConnected).toBe(true);
    expect(connection.offlineSince).toBeNull();
  });

  it('notes when the link dropped and turns offline after repeated failed attempts', () => {
    const connection = useConnectionStore();
    const link = createFakeLink(true);
    connection.follow(link);
    expect(connection.state).toBe('live');

    link.fire({ type: 'disconnected', reason: 'transport close', willRetry: true });
    expect(connection.state).toBe('reconnecting');
    expect(connection.offlineSince).toEqual(new Date('2030-01-01T09:00:00Z'));

    clock = new Date('2030-01-01T09:00:05Z');
    for (let attempt = 1; attempt < OFFLINE_AFTER_ATTEMPTS; attempt++) link.fire({ type: 'retrying', attempt });
    expect(connection.state).toBe('reconnecting');
    link.fire({ type: 'retrying', attempt: OFFLINE_AFTER_ATTEMPTS });
    expect(connection.state).toBe('offline');
    // The time the link dropped, not the time of the last attempt.
    expect(connection.offlineSince).toEqual(new Date('2030-01-01T09:00:00Z'));

    link.fire({ type: 'connected' });
    expect(connection.state).toBe('live');
    expect(connection.offlineSince).toBeNull();
  });

  it('is offline at once when the relay refuses the link', () => {
    const connection = useConnectionStore();
    const link = createFakeLink(false);
    connection.follow(link);
    link.fire({ type: 'refused', message: 'unauthorized' });
    expect(connection.state).toBe('offline');
    expect(connection.refusal).toBe('unauthorized');
    expect(connection.offlineSince).toEqual(clock);
  });

  it('is offline when this console closed the link itself', () => {
    const connection = useConnectionStore();
    const link = createFakeLink(true);
    connection.follow(link);
    link.fire({ type: 'disconnected', reason: 'io client disconnect', willRetry: false });
    expect(connection.state).toBe('offline');
  });

  it('stops listening to a link it no longer follows', () => {
    const connection = useConnectionStore();
    const first = createFakeLink(true);
    connection.follow(first);
    const second = createFakeLink(false);
    connection.follow(second);
    expect(first.listenerCount()).toBe(0);
    first.fire({ type: 'connected' });
    expect(connection.state).toBe('reconnecting');
    connection.stop();
    expect(second.listenerCount()).toBe(0);
    expect(connection.state).toBe('offline');
  });
});
