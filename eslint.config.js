// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node built-ins, with or without the `node:` prefix, for the folders that must stay runtime-neutral. */
const NODE_BUILTINS = {
  group: ['node:*', ...builtinModules],
  message: 'This folder must not depend on Node.js; keep Node code in server/ or electron/.',
};

/** The layers server/core must never reach (DESIGN.md). */
const CORE_LAYERS = {
  group: ['**/adapters/**', '**/adapters', '**/transport/**', '**/transport'],
  message: 'server/core is pure: it never imports adapters/ or transport/ (DESIGN.md).',
};

/** The app sides shared/ must never reach. */
const OTHER_SIDES = {
  group: ['**/server/**', '**/server', '**/renderer/**', '**/renderer', '**/electron/**'],
  message: 'shared/ is imported by every side; it imports none of them.',
};

/**
 * The import boundaries of DESIGN.md ("Folders"), enforced with core `no-restricted-imports`.
 * A later block for the same files replaces the rule's options, so each folder lists all of its patterns.
 */
const boundaries = [
  {
    name: 'klaxon/boundaries/server-core',
    files: ['server/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            CORE_LAYERS,
            {
              group: [
                'node:*',
                ...builtinModules,
                'better-sqlite3',
                'pg',
                'kysely',
                'fastify',
                '@fastify/*',
                'socket.io',
                'nodemailer',
                'smtp-server',
                'mailparser',
                'pino',
                'prom-client',
              ],
              message: 'server/core is pure: take what you need through a port in server/app/ports.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests of the core may read fixtures from disk, but still never reach adapters or transport.
    name: 'klaxon/boundaries/server-core-tests',
    files: ['server/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CORE_LAYERS] }] },
  },
  {
    name: 'klaxon/boundaries/renderer',
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/server'], message: 'The console talks to the relay over HTTP and Socket.IO only.' },
            { group: ['**/electron/**', 'electron', 'electron/*', 'electron-store'], message: 'Use the host bridge (window.klaxon) instead.' },
            NODE_BUILTINS,
          ],
        },
      ],
    },
  },
  {
    name: 'klaxon/boundaries/shared-tests',
    files: ['shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [OTHER_SIDES] }] },
  },
  {
    name: 'klaxon/boundaries/shared',
    files: ['shared/**/*.ts'],
    // Tests run only under Vitest in Node; they may read fixtures from disk, but never reach the app sides.
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            OTHER_SIDES,
            NODE_BUILTINS,
            {
              // Any bare package other than zod: shared/ runs in Node, Electron and the browser alike.
              regex: '^(?!zod(?:/|$))[^./]',
              message: 'shared/ may import only zod and its own files (DESIGN.md).',
            },
          ],
        },
      ],
    },
  },
];

export default defineConfig(
  {
    name: 'klaxon/ignores',
    ignores: ['**/node_modules/', 'dist/', 'test-results/', 'playwright-report/', 'tests/artifacts/', 'release/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  {
    name: 'klaxon/vue-typescript',
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
  },
  {
    name: 'klaxon/globals-node',
    files: ['server/**', 'electron/**', 'tests/**', 'shared/**', '*.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'klaxon/globals-browser',
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'klaxon/house-rules',
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  ...boundaries,
);
