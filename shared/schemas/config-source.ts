import { z } from 'zod';

/**
 * Where an object's current version comes from, under the one rule for config-file versus console
 * edits (docs/configuration.md):
 * - `file`: the config file (KLAXON_CONFIG) declares it and nobody has changed it in the console;
 * - `edited`: the file declares it and it was changed in the console since; the console's version is
 *   kept across restarts while the file's entry stays the same, and the file wins when it changes;
 * - `console`: made in the console (or no longer in the file); the file does not touch it.
 */
export const ConfigSourceSchema = z.enum(['file', 'edited', 'console']);
export type ConfigSource = z.infer<typeof ConfigSourceSchema>;
