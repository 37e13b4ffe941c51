/**
 * Formats instants for a policy preview in one time zone: the wall-clock time ("09:05", or "09:05:30"
 * when the policy works in seconds), with the weekday and date in front when the day differs from
 * the day the preview starts on.
 */
export interface PreviewClock {
  /** Formats an instant as the preview shows it. */
  format(at: Date): string;
}

/** Tells whether `name` is an IANA time zone the runtime knows. */
function knownZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns the clock a preview writes its times with; an unknown zone falls back to UTC (the caller
 * reports the zone it used). `seconds` shows seconds when some delay is not a whole minute.
 */
export function createPreviewClock(start: Date, timeZone: string, seconds: boolean): { clock: PreviewClock; timeZone: string } {
  const zone = knownZone(timeZone) ? timeZone : 'UTC';
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' as const } : {}),
    hourCycle: 'h23',
  });
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' });
  const startDay = day.format(start);
  return {
    timeZone: zone,
    clock: {
      format(at) {
        const dayText = day.format(at);
        return dayText === startDay ? time.format(at) : `${dayText.replace(',', '')} ${time.format(at)}`;
      },
    },
  };
}
