import { definePreset } from '@primeuix/themes';
import Aura from '@primeuix/themes/aura';

/** The class on <html> that switches PrimeVue to its dark colour scheme; index.html sets it. */
export const DARK_MODE_CLASS = 'klaxon-dark';

/**
 * Aura with a NOC look: a red-orange "klaxon" primary on cool slate surfaces, so alerts stand out on
 * a dark wall screen. Status colours (live, reconnecting, offline) come from the app stylesheet.
 */
export const KlaxonPreset = definePreset(Aura, {
  semantic: {
    primary: {
      50: '{orange.50}',
      100: '{orange.100}',
      200: '{orange.200}',
      300: '{orange.300}',
      400: '{orange.400}',
      500: '{orange.500}',
      600: '{orange.600}',
      700: '{orange.700}',
      800: '{orange.800}',
      900: '{orange.900}',
      950: '{orange.950}',
    },
    colorScheme: {
      dark: {
        surface: {
          0: '#ffffff',
          50: '{slate.50}',
          100: '{slate.100}',
          200: '{slate.200}',
          300: '{slate.300}',
          400: '{slate.400}',
          500: '{slate.500}',
          600: '{slate.600}',
          700: '{slate.700}',
          800: '{slate.800}',
          900: '{slate.900}',
          950: '#070b14',
        },
      },
    },
  },
});
