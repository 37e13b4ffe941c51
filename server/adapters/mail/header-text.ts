/** Every control character (C0, DEL, C1) and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL_RUN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Makes a text safe as an e-mail header value (a subject, a display name): each run of line breaks,
 * tabs and other control characters becomes one space, so that no value can end its header line and
 * add a header (Bcc:, a second Subject:) or smuggle a NUL to a mail client; the ends are trimmed.
 */
export function headerText(text: string): string {
  return text.replace(CONTROL_RUN, ' ').trim();
}
