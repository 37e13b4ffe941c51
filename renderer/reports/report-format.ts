import type { Priority } from '../../shared/schemas/priority.js';
import type { DurationStats, RuleHint } from '../../shared/schemas/report.js';
import type { Channel } from '../../shared/schemas/user.js';
import { dayOf } from '../time/format-instant.js';
import { formatAge } from '../time/format-relative.js';
import { wallClock } from '../time/time-zone.js';
import { formatRate } from '../wallboard/wallboard-format.js';

/** The priorities, highest first, as every report table and chart lists them. */
export const PRIORITIES: readonly Priority[] = ['high', 'medium', 'low'];

/** What a priority is called on the page. */
export const PRIORITY_LABELS: Record<Priority, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/** The paging channels, in the order the report lists them. */
export const CHANNELS: readonly Channel[] = ['push', 'email', 'ntfy', 'pushover', 'webhook', 'sms', 'voice', 'slack'];

/** What a channel is called on the page. */
export const CHANNEL_LABELS: Record<Channel, string> = { push: 'Phone', email: 'E-mail', ntfy: 'ntfy', pushover: 'Pushover', webhook: 'Webhook', sms: 'SMS', voice: 'Voice call', slack: 'Slack' };

/** A duration in milliseconds as people say it ("45s", "12m", "3h 05m", "2d 4h"); "—" when nothing was measured. */
export function formatDurationMs(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : formatAge(ms / 1000);
}

/** A share (0..1) as a whole percentage; "—" when there was nothing to share. */
export function formatShare(rate: number | null | undefined): string {
  return formatRate(rate ?? null);
}

/** A count with the person's digit grouping ("1,234"). */
export function formatCount(n: number): string {
  return n.toLocaleString();
}

/** Hours, rounded to a tenth when under ten, else to a whole hour ("7.5 h", "168 h"). */
export function formatHours(hours: number): string {
  const rounded = hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours);
  return `${rounded.toLocaleString()} h`;
}

/** "p50 4m · p90 12m" for a tile's second line; the mean goes on the first. */
export function percentilesText(stats: DurationStats): string {
  return `p50 ${formatDurationMs(stats.p50Ms)} · p90 ${formatDurationMs(stats.p90Ms)}`;
}

/**
 * The sentence of a rule hint: "rule db-prod#2 — 7 of 9 incidents false positives: consider
 * demoting". Both causes are named when both happened.
 */
export function ruleHintText(hint: RuleHint): string {
  const causes = [
    hint.falsePositives ? `${hint.falsePositives} of ${hint.incidents} incidents false positives` : '',
    hint.couldHaveWaited ? `${hint.couldHaveWaited} of ${hint.incidents} could have waited` : '',
  ].filter(Boolean);
  return `rule ${hint.rule} — ${causes.join(', ') || `${hint.incidents} incidents`}: consider demoting`;
}

/** A report day (`2026-11-03`, already a day of the report's zone) as a short label for a chart's axis ("3 Nov"). */
export function dayLabel(isoDate: string): string {
  const at = new Date(`${isoDate}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(at.getTime())) return isoDate;
  return dayOf(wallClock(at, 'UTC'), true).replace(/ \d+$/, '');
}
