import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Links in alerts come from monitoring tools, so from anyone who can reach an integration: a view
// may bind one to an href only behind `isHttpLink` (see shared/safe-link.ts). This reads the phone
// app's and the incident detail's templates and finds every bound href.

const RENDERER = fileURLToPath(new URL('..', import.meta.url));

/** Every `<a …>` opening tag of a .vue file's template that binds its href. */
function boundAnchors(file: string): string[] {
  const template = readFileSync(file, 'utf8').split('<template>')[1] ?? '';
  return [...template.matchAll(/<a\b[^>]*>/g)].map((m) => m[0]).filter((tag) => /(?::|v-bind:)href=/.test(tag));
}

describe('links in the phone app and the incident detail', () => {
  for (const folder of ['phone', path.join('board', 'detail')]) {
    it(`${folder}: every bound href is guarded by isHttpLink, or is one of the console's own routes`, () => {
      const dir = path.join(RENDERER, folder);
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.vue'))) {
        for (const tag of boundAnchors(path.join(dir, name))) {
          const guarded = /v-if="isHttpLink\(/.test(tag);
          const ownRoute = /:href="`#\//.test(tag);
          expect(guarded || ownRoute, `${name}: ${tag.replace(/\s+/g, ' ')}`).toBe(true);
        }
      }
    });
  }
});
