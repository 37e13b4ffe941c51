import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import { collapseFolded } from './timeline-collapse.js';

const event = (id: string, type: TimelineEvent['type']): TimelineEvent => ({
  id,
  incidentId: 'i',
  at: '2026-11-28T12:00:00Z',
  type,
  actor: { type: 'source', id: 'events-v2' },
  data: {},
});

describe('collapseFolded', () => {
  it('shows a run of folded alerts as one item and keeps short runs and other events as they are', () => {
    const items = collapseFolded([
      event('o', 'incident.opened'),
      event('f1', 'alert.folded'),
      event('f2', 'alert.folded'),
      event('f3', 'alert.folded'),
      event('a', 'incident.acknowledged'),
      event('f4', 'alert.folded'),
    ]);
    expect(items.map((i) => (i.kind === 'event' ? i.event.id : `${i.id}×${i.events.length}`))).toEqual(['o', 'folded:f1×3', 'a', 'f4']);
  });
});
