import { describe, expect, it } from 'vitest';
import { planDemoHistory } from './history-plan.js';
import { seededRandom } from './seeded-random.js';

const NOW = new Date('2026-12-01T06:00:00Z');
const DAY = 86_400_000;

describe('planDemoHistory', () => {
  const history = planDemoHistory(NOW, seededRandom(16));

  it('is the same for the same seed (ids included)', () => {
    expect(planDemoHistory(NOW, seededRandom(16))).toEqual(history);
    expect(planDemoHistory(NOW, seededRandom(17))).not.toEqual(history);
  });

  it('fills each of the last 7 days with 5 to 9 incidents, all resolved before now, across the clients', () => {
    for (let day = 1; day <= 7; day++) {
      const inDay = history.filter((h) => {
        const t = Date.parse(h.incident.firstSeenAt);
        return t >= NOW.getTime() - day * DAY && t < NOW.getTime() - (day - 1) * DAY;
      });
      expect(inDay.length).toBeGreaterThanOrEqual(5);
      expect(inDay.length).toBeLessThanOrEqual(9);
    }
    for (const { incident } of history) {
      expect(incident.status).toBe('resolved');
      expect(Date.parse(incident.resolvedAt!)).toBeLessThan(NOW.getTime());
      expect(Date.parse(incident.acknowledgedAt!)).toBeLessThan(Date.parse(incident.resolvedAt!));
    }
    expect(new Set(history.map((h) => h.incident.clientId))).toEqual(new Set(['acme', 'globex', null]));
  });

  it('pages and reads every incident, escalates some to Ann at level 2, dismisses some as false positives', () => {
    for (const { pages, timeline, incident } of history) {
      expect(pages.some((p) => p.state === 'read' && p.readAt)).toBe(true);
      expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['incident.opened', 'page.sent', 'page.read', 'incident.acknowledged', 'incident.resolved']));
      expect(timeline.every((e) => e.incidentId === incident.id)).toBe(true);
      // Every step a person took is marked simulated; the source's and the relay's are not.
      for (const event of timeline) expect(event.data.simulated === true).toBe(event.actor.type === 'user');
    }
    const escalated = history.filter((h) => h.timeline.some((e) => e.type === 'escalation.level'));
    expect(escalated.length).toBeGreaterThan(0);
    for (const h of escalated) expect(h.pages.find((p) => p.level === 1)?.userId).toBe('ann');
    expect(history.filter((h) => h.incident.triageVerdict === 'false_positive').length).toBeGreaterThan(0);
  });
});
