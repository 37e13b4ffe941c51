/** One event of an iCalendar feed; instants are written in UTC. */
export interface IcsEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
}

/** A whole iCalendar feed: its display name, its events and when it was produced. */
export interface IcsCalendar {
  name: string;
  events: IcsEvent[];
  /** When the feed is produced; written as every event's DTSTAMP. */
  now: Date;
}

/** Writes an instant as an RFC 5545 UTC date-time ("20261130T140000Z"). */
export function icsDateTime(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Escapes TEXT values per RFC 5545 §3.3.11: backslash, semicolon, comma, and every line break (CRLF,
 * a lone CR or LF, U+2028, U+2029) as `\n`. Every other control character (TEXT allows only HTAB) is
 * dropped, so that no value can end its content line and add a property or an event of its own.
 */
export function escapeText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- matching control characters is the point.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, '\\n');
}

/**
 * Folds a content line so that no line exceeds 75 octets (RFC 5545 §3.1): continuation lines start
 * with one space. Never splits a UTF-8 character.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * Renders an iCalendar (RFC 5545) VCALENDAR with one VEVENT per event: UID, DTSTAMP, DTSTART and
 * DTEND in UTC, SUMMARY (and DESCRIPTION), lines folded at 75 octets and ended by CRLF.
 */
export function renderICalendar(calendar: IcsCalendar): string {
  const stamp = icsDateTime(calendar.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Klaxon//On-call calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    'X-PUBLISHED-TTL:PT15M',
    'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
  ];
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsDateTime(event.start)}`,
      `DTEND:${icsDateTime(event.end)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
