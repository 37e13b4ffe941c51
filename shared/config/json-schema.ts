import { z } from 'zod';
import { ConfigSchema } from './config-schema.js';

/**
 * Generates the JSON Schema of the config file from the zod schema, for editors that validate YAML
 * and JSON (the input form: durations as text, defaults optional).
 */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://klaxon.dev/schema/config-v1.json',
    title: 'Klaxon configuration, version 1',
  };
}
