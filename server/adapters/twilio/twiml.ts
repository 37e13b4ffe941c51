/** Escapes text for an XML element or attribute. */
export function xmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * The call script of a page: reads the text, then waits up to `timeoutSeconds` for one key, which
 * the provider POSTs as `Digits` to `action`; the reading is given twice (people miss the start), and
 * a call without a key ends with a goodbye (and counts as not read).
 */
export function gatherTwiml(say: string, action: string, timeoutSeconds = 8): string {
  const text = xmlText(say);
  return `${HEAD}<Response><Gather input="dtmf" numDigits="1" timeout="${timeoutSeconds}" action="${xmlText(action)}" method="POST"><Say>${text}</Say><Pause length="1"/><Say>${text}</Say></Gather><Say>No key was pressed. Klaxon will call again. Goodbye.</Say><Hangup/></Response>`;
}

/** A script that says one sentence and hangs up. */
export function sayTwiml(say: string): string {
  return `${HEAD}<Response><Say>${xmlText(say)}</Say><Hangup/></Response>`;
}

/** A script that hangs up at once (an answering machine must not take a page's text). */
export function hangupTwiml(): string {
  return `${HEAD}<Response><Hangup/></Response>`;
}

/** The answer to an inbound SMS: one reply message, or none (an empty response). */
export function messageTwiml(reply: string | undefined): string {
  return reply === undefined ? `${HEAD}<Response/>` : `${HEAD}<Response><Message>${xmlText(reply)}</Message></Response>`;
}
