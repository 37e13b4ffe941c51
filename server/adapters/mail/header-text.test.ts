import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../tests/support/smtp-sink.js';
import { headerText } from './header-text.js';
import { createMailer } from './mailer.js';

// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const hostileText = fc.string({
  unit: fc.oneof(fc.constantFrom('\r', '\n', '\r\n', '\u0000', '\t', '\u001b', '\u0085', '\u2028', ':'), fc.integer({ min: 0x20, max: 0x2fff }).map((c) => String.fromCodePoint(c))),
});

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

describe('headerText', () => {
  it('leaves no control character, changes clean text not at all, and is idempotent (property)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const clean = headerText(text);
        expect(clean).not.toMatch(CONTROL);
        expect(headerText(clean)).toBe(clean);
        if (!CONTROL.test(text) && text === text.trim()) expect(clean).toBe(text);
      }),
    );
  });
});

describe('createMailer', () => {
  it('sends a subject with CR, LF, NUL and U+2028 as one clean line, adding no header', async () => {
    sink = await startSmtpSink();
    const mailer = createMailer(sink.url);
    try {
      await mailer.send({ to: ['ann@example.com'], subject: '[Klaxon] HIGH: Disk full\r\nBcc: eve@example.com\u0000\u2028X-Evil: 1', text: 'body' });
      const mail = await sink.waitFor(() => true, 5000);
      expect(mail.subject).toBe('[Klaxon] HIGH: Disk full Bcc: eve@example.com X-Evil: 1');
      expect(mail.to).toEqual(['ann@example.com']);
    } finally {
      mailer.close();
    }
  });
});
