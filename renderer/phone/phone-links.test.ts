import { describe, expect, it } from 'vitest';

// Links in alerts come from monitoring tools, so from anyone who can reach an integration: a view
// may bind one to an href only behind `isHttpLink` (see shared/safe-link.ts). This reads the phone
// app's and the incident detail's templates and checks every bound href.

const TEMPLATES: Record<string, Record<string, string>> = {
  phone: import.meta.glob<string>('./*.vue', { query: '?raw', import: 'default', eager: true }),
  'board/detail': import.meta.glob<string>('../board/detail/*.vue', { query: '?raw', import: 'default', eager: true }),
};

/** Every `<a …>` opening tag of a .vue file's template that binds its href. */
function boundAnchors(source: string): string[] {
  const template = source.split('<template>')[1] ?? '';
  return [...template.matchAll(/<a\b[^>]*>/g)].map((m) => m[0]).filter((tag) => /(?::|v-bind:)href=/.test(tag));
}

describe('links in the phone app and the incident detail', () => {
  for (const [folder, files] of Object.entries(TEMPLATES)) {
    it(`${folder}: every bound href is guarded by isHttpLink, or is one of the console's own routes`, () => {
      expect(Object.keys(files).length).toBeGreaterThan(0);
      for (const [name, source] of Object.entries(files)) {
        for (const tag of boundAnchors(source)) {
          const guarded = /v-if="isHttpLink\(/.test(tag);
          const ownRoute = /:href="`#\//.test(tag);
          expect(guarded || ownRoute, `${name}: ${tag.replace(/\s+/g, ' ')}`).toBe(true);
        }
      }
    });
  }
});
