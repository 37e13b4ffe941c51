import type { ConfigSource } from '../../shared/schemas/config-source.js';

/**
 * The one wording of the config-file versus console rule (docs/configuration.md), the same on every
 * screen; `noun` names the object ("schedule", "policy", "team", …). Null for console-made objects.
 */
export function configBannerText(source: ConfigSource, noun: string): { severity: 'info' | 'warn'; text: string } | null {
  if (source === 'file') {
    return {
      severity: 'info',
      text: `This ${noun} comes from the relay's config file (KLAXON_CONFIG). Edits made here are kept across restarts while the file's entry for it stays the same; when that entry changes, the file wins again.`,
    };
  }
  if (source === 'edited') {
    return {
      severity: 'warn',
      text: `Edited here, over the config file's version. Kept across restarts until the file's entry for this ${noun} changes; then the file's version returns and the audit log says so.`,
    };
  }
  return null;
}
