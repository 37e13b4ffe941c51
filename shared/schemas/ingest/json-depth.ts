/** How deep a JSON body sent to ingest may nest; real monitoring payloads stay under ten levels. */
export const MAX_JSON_DEPTH = 64;

/** The message a body nested too deep gets (the routes answer it as a 400). */
export const JSON_TOO_DEEP = `the body is nested deeper than ${MAX_JSON_DEPTH} levels`;

/**
 * Tells whether a JSON text nests arrays and objects deeper than `maxDepth`, by scanning its
 * characters once (no recursion, no parse), so that a body of a hundred thousand brackets is
 * refused before any recursive code (the parser, a schema, a serializer) sees it. Brackets inside
 * strings do not count; the text need not be valid JSON.
 */
export function jsonNestsDeeperThan(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}
