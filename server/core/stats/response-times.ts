import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { ResponseTime, WallboardStats } from '../../../shared/schemas/wallboard.js';

const DAY_MS = 86_400_000;

/** One measured duration, placed at the incident's opening. */
interface Sample {
  openedMs: number;
  seconds: number;
}

function mean(samples: readonly Sample[]): number | null {
  return samples.length ? Math.round(samples.reduce((sum, s) => sum + s.seconds, 0) / samples.length) : null;
}

/**
 * The mean over the 7 days before `now`, over the 7 days before those, and per rolling day (7
 * windows of 24 hours ending at `now`, oldest first); samples are placed by when their incident opened.
 */
function summarise(samples: readonly Sample[], now: Date): ResponseTime {
  const end = now.getTime();
  const within = (from: number, to: number) => samples.filter((s) => s.openedMs >= from && s.openedMs < to);
  const current = within(end - 7 * DAY_MS, end + 1);
  const daily = Array.from({ length: 7 }, (_, i) => {
    const dayEnd = end - (6 - i) * DAY_MS;
    return { end: new Date(dayEnd).toISOString(), meanSeconds: mean(within(dayEnd - DAY_MS, i === 6 ? dayEnd + 1 : dayEnd)) };
  });
  return { meanSeconds: mean(current), previousMeanSeconds: mean(within(end - 14 * DAY_MS, end - 7 * DAY_MS)), count: current.length, daily };
}

const seconds = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

/**
 * Mean time to read (first page sent → first page read), to acknowledge and to resolve (incident
 * opened → acknowledged / resolved), from incidents opened in the last 14 days and their pages.
 * Incidents that have not reached a step yet do not count for that step.
 */
export function responseTimes(incidents: readonly Incident[], pages: readonly Page[], now: Date): WallboardStats['responseTimes'] {
  const firstPage = new Map<string, { created: string; read: string | null }>();
  for (const page of pages) {
    const seen = firstPage.get(page.incidentId);
    const created = !seen || Date.parse(page.createdAt) < Date.parse(seen.created) ? page.createdAt : seen.created;
    const read = page.readAt && (!seen?.read || Date.parse(page.readAt) < Date.parse(seen.read)) ? page.readAt : (seen?.read ?? null);
    firstPage.set(page.incidentId, { created, read });
  }
  const read: Sample[] = [];
  const acknowledge: Sample[] = [];
  const resolve: Sample[] = [];
  for (const incident of incidents) {
    const openedMs = Date.parse(incident.firstSeenAt);
    const paged = firstPage.get(incident.id);
    if (paged?.read) read.push({ openedMs, seconds: seconds(paged.created, paged.read) });
    if (incident.acknowledgedAt) acknowledge.push({ openedMs, seconds: seconds(incident.firstSeenAt, incident.acknowledgedAt) });
    if (incident.resolvedAt) resolve.push({ openedMs, seconds: seconds(incident.firstSeenAt, incident.resolvedAt) });
  }
  return { read: summarise(read, now), acknowledge: summarise(acknowledge, now), resolve: summarise(resolve, now) };
}

/**
 * The share of incidents opened in the last 7 days that triage called false positives (and the same
 * for the 7 days before); null when no incident was opened.
 */
export function falsePositiveRate(incidents: readonly Incident[], now: Date): WallboardStats['falsePositives'] {
  const end = now.getTime();
  const window = (from: number, to: number) => incidents.filter((i) => Date.parse(i.firstSeenAt) >= from && Date.parse(i.firstSeenAt) < to);
  const rate = (list: readonly Incident[]) =>
    list.length ? list.filter((i) => i.triageVerdict === 'false_positive').length / list.length : null;
  const current = window(end - 7 * DAY_MS, end + 1);
  return {
    rate: rate(current),
    previousRate: rate(window(end - 14 * DAY_MS, end - 7 * DAY_MS)),
    count: current.filter((i) => i.triageVerdict === 'false_positive').length,
    total: current.length,
  };
}
