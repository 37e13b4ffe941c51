import { describe, expect, it } from 'vitest';
import { JsonPickSchema } from '../../../shared/schemas/service.js';
import { parseJsonPick, pickJson } from './json-pick.js';

const body = {
  title: 'Disk full',
  alert: { labels: { severity: 'critical' } },
  items: [{ id: 'a1' }, { id: 'a2' }],
  'odd key': { 'with.dots': 7 },
  empty: null,
};

describe('parseJsonPick', () => {
  it.each([
    ['$', []],
    ['$.title', ['title']],
    ['$.alert.labels.severity', ['alert', 'labels', 'severity']],
    ['$.items[1].id', ['items', 1, 'id']],
    ["$['odd key']['with.dots']", ['odd key', 'with.dots']],
    ['$.x-y_z', ['x-y_z']],
  ])('reads %s', (path, steps) => {
    expect(parseJsonPick(path)).toEqual(steps);
    expect(JsonPickSchema.safeParse(path).success).toBe(true);
  });

  it.each(['title', '$.', '$..a', '$[a]', '$.items[-1]', "$['']", '$.a b', '$.9lives'])('refuses %s like the schema', (path) => {
    expect(parseJsonPick(path)).toBeUndefined();
    expect(JsonPickSchema.safeParse(path).success).toBe(false);
  });
});

describe('pickJson', () => {
  it('finds values by key, index and quoted key', () => {
    expect(pickJson(body, '$.title')).toEqual({ found: true, value: 'Disk full' });
    expect(pickJson(body, '$.alert.labels.severity')).toEqual({ found: true, value: 'critical' });
    expect(pickJson(body, '$.items[0].id')).toEqual({ found: true, value: 'a1' });
    expect(pickJson(body, "$['odd key']['with.dots']")).toEqual({ found: true, value: 7 });
    expect(pickJson(body, '$.empty')).toEqual({ found: true, value: null });
    expect(pickJson([1, 2], '$[1]')).toEqual({ found: true, value: 2 });
    expect(pickJson(body, '$')).toEqual({ found: true, value: body });
  });

  it('finds nothing past the data, through the wrong container, or by a bad pick', () => {
    expect(pickJson(body, '$.nope')).toEqual({ found: false });
    expect(pickJson(body, '$.items[2].id')).toEqual({ found: false });
    expect(pickJson(body, '$.items.id')).toEqual({ found: false });
    expect(pickJson(body, '$.title[0]')).toEqual({ found: false });
    expect(pickJson(body, '$.empty.x')).toEqual({ found: false });
    expect(pickJson(body, 'title')).toEqual({ found: false });
  });

  it('does not reach inherited properties', () => {
    expect(pickJson(body, '$.constructor')).toEqual({ found: false });
    expect(pickJson(body, '$.__proto__')).toEqual({ found: false });
    expect(pickJson(body, '$.items.length')).toEqual({ found: false });
  });
});
