import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '../../shared/config/json-schema.js';

/** Writes `shared/config/klaxon.schema.json` from the zod schema (`npm run schema`). */
const target = fileURLToPath(new URL('../../shared/config/klaxon.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
