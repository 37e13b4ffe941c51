import type { Report } from '../../shared/schemas/report.js';
import { formatCount, formatDurationMs, formatShare, percentilesText } from './report-format.js';

/** One KPI tile: a label, the big figure and a line of detail. */
export interface KpiTile {
  id: string;
  label: string;
  value: string;
  detail: string;
}

const share = (rate: number | null, of: string) => (rate === null ? 'no incidents' : `of ${of}`);

/**
 * The tiles at the top of a report: incidents, time to read / acknowledge / resolve (mean, with
 * p50 and p90), escalation, failover, false-positive and could-have-waited rates, action items and
 * post-mortems by state.
 */
export function kpiTiles(report: Report): KpiTile[] {
  const t = report.totals;
  const duration = (id: string, label: string, stats: typeof t.timeToRead): KpiTile => ({
    id,
    label,
    value: formatDurationMs(stats.meanMs),
    detail: stats.count ? `mean of ${formatCount(stats.count)} · ${percentilesText(stats)}` : 'nothing measured',
  });
  const pm = report.postmortems;
  return [
    {
      id: 'incidents',
      label: 'Incidents',
      value: formatCount(t.incidents),
      detail: `high ${formatCount(t.byPriority.high ?? 0)} · medium ${formatCount(t.byPriority.medium ?? 0)} · low ${formatCount(t.byPriority.low ?? 0)}`,
    },
    duration('time-to-read', 'Time to read', t.timeToRead),
    duration('time-to-acknowledge', 'Time to acknowledge', t.timeToAcknowledge),
    duration('time-to-resolve', 'Time to resolve', t.timeToResolve),
    { id: 'escalation', label: 'Escalated', value: formatShare(t.escalationRate), detail: share(t.escalationRate, 'incidents went past level 1') },
    { id: 'failover', label: 'Failover', value: formatShare(t.failoverRate), detail: share(t.failoverRate, 'incidents failed over to the lead') },
    { id: 'false-positive', label: 'False positives', value: formatShare(t.falsePositiveRate), detail: share(t.falsePositiveRate, 'incidents') },
    { id: 'could-have-waited', label: 'Could have waited', value: formatShare(t.couldHaveWaitedRate), detail: share(t.couldHaveWaitedRate, 'incidents, by their post-mortems') },
    {
      id: 'action-items',
      label: 'Action items open',
      value: formatCount(report.actionItems.open),
      detail: `${formatCount(report.actionItems.overdue)} overdue · ${formatCount(report.actionItems.done)} done`,
    },
    {
      id: 'postmortems',
      label: 'Post-mortems',
      value: formatCount(pm.due + pm.draft + pm.inReview + pm.signedOff),
      detail: `${pm.due} due · ${pm.draft} draft · ${pm.inReview} in review · ${pm.signedOff} signed off`,
    },
  ];
}
