import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderApiReference } from '../transport/http/openapi/render-reference.js';

/** Writes `docs/api.md` from the route catalogue and the shared schemas (`npm run docs:api`). */
const target = fileURLToPath(new URL('../../docs/api.md', import.meta.url));
writeFileSync(target, renderApiReference());
console.log(`wrote ${target}`);
