import type { EscalationOutlook } from '../../../shared/schemas/phone-incident-view.js';
import { type ClockDisplay, formatInstant } from '../../time/format-instant.js';

/** Formats a span of milliseconds as `m:ss`, or `h:mm:ss` from an hour on. */
export function clockSpan(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Formats how long ago `iso` was at `nowMs`, as "45s", "12m", "3h 5m" or "2d 4h". */
export function ageOf(iso: string, nowMs: number): string {
  const s = Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

const STOPPED: Record<'read' | 'acknowledged' | 'resolved', string> = {
  read: 'Read stopped the escalation',
  acknowledged: 'Acknowledge stopped the escalation',
  resolved: 'Resolve stopped the escalation',
};

/**
 * The escalation line of the phone's incident view at `nowMs` (the relay's time, corrected for the
 * phone's clock): a countdown to the next level or the failover, why it stopped, or how it ended.
 */
export function outlookText(outlook: EscalationOutlook, nowMs: number, display: ClockDisplay): string {
  switch (outlook.kind) {
    case 'none':
      return 'No escalation running';
    case 'deferred':
      return outlook.until ? `Held until ${formatInstant(outlook.until, { ...display, style: 'smart', now: new Date(nowMs) })}` : 'Held for business hours';
    case 'countdown': {
      const left = Date.parse(outlook.at) - nowMs;
      const next = outlook.next.kind === 'failover' ? 'Failover' : `Level ${outlook.next.level + 1}`;
      return left <= 0 ? `${next} now…` : `${next} in ${clockSpan(left)}`;
    }
    case 'stopped':
      return outlook.reason ? STOPPED[outlook.reason] : 'Escalation stopped';
    case 'failed-over':
      return 'Escalation failed over: nobody answered in time';
    case 'finished':
      return 'Escalation finished: nobody answered';
  }
}
