import { loadScore } from '../../shared/calendar/load-score.js';
import type { PersonLoad } from '../../shared/schemas/calendar.js';

/** A person's load score in hours, as the relay's rebalance weighs it (shared/calendar/load-score.ts). */
export const loadOf = (p: Pick<PersonLoad, 'onCallHours' | 'offHoursHours' | 'pages' | 'nightPages'>): number => loadScore(p);

const round = (n: number) => Math.round(n * 10) / 10;

/** Joins names as people read them: "Ann", "Ann and Bob", "Ann, Bob and Cara". */
function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function breakdown(p: PersonLoad): string {
  const pages = p.pages === 0 ? 'no pages' : `${p.pages} page${p.pages === 1 ? '' : 's'} (${p.nightPages} at night)`;
  return `${round(p.onCallHours)} h on call, ${round(p.offHoursHours)} off-hours h, ${pages}`;
}

/** What the fair on-call table should make plain: who carries the most, and why people tie. */
export interface FairnessReading {
  /** Everyone sharing the highest load (none when nobody carried any). */
  heaviest: string[];
  /** One sentence per group of people with the same load, saying why they tie. */
  ties: string[];
}

/**
 * Reads a fairness report: the heaviest-loaded people (all of them when several share the top load,
 * not whichever comes first) and, for every group with an equal load score, why they tie — the same
 * hours and pages, or different ones that weigh the same.
 */
export function readFairness(people: readonly PersonLoad[]): FairnessReading {
  const groups = new Map<number, PersonLoad[]>();
  for (const p of people) {
    const score = round(loadOf(p));
    groups.set(score, [...(groups.get(score) ?? []), p]);
  }
  const top = Math.max(0, ...groups.keys());
  const heaviest = top > 0 ? (groups.get(top) ?? []).map((p) => p.userId) : [];
  const ties: string[] = [];
  for (const [score, group] of [...groups.entries()].sort((a, b) => b[0] - a[0])) {
    if (group.length < 2) continue;
    const names = listOf(group.map((p) => p.name));
    if (score === 0) {
      ties.push(`${names} tie at no load: none of them was on call or paged in this window.`);
    } else if (new Set(group.map(breakdown)).size === 1) {
      ties.push(`${names} tie at a load of ${score} h: each had ${breakdown(group[0]!)}.`);
    } else {
      const each = group.map((p) => `${p.name} ${breakdown(p)}`).join('; ');
      ties.push(`${names} tie at a load of ${score} h — different hours that weigh the same (off-hours count twice, a night page 2 h, another page ½ h): ${each}.`);
    }
  }
  return { heaviest, ties };
}
