import { z } from 'zod';

/**
 * Turns off zod's compiled ("JIT") parsers in the browser apps. Zod finds out whether it may compile
 * by calling `Function('')`, which the relay's Content-Security-Policy (`script-src 'self'`, no
 * `'unsafe-eval'`) refuses and reports as a violation. Every entry point imports this module first,
 * before any schema is built, because zod decides per schema when the schema is made.
 */
z.config({ jitless: true });
