#!/usr/bin/env node
// The `klaxon` command (package.json "bin"; `npx klaxon` in the repository). It runs the TypeScript
// of server/cli/ through tsx's loader, as `npm start` does, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
