/**
 * Runs every benchmark script in tests/bench/ (this one aside) in turn, each in its own Node process
 * with tsx and its default options, and prints its output under a heading (`npm run bench`). Words
 * after `--` pick scripts by name (`npm run bench -- escalation`); to pass a script options, run it
 * directly (`npx tsx tests/bench/<script>.ts --incidents 2000`). Exits non-zero when a script
 * failed, after running the rest.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const self = path.basename(fileURLToPath(import.meta.url));
const picks = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && name !== self && !name.endsWith('.test.ts'))
  .filter((name) => picks.length === 0 || picks.some((pick) => name.includes(pick)))
  .sort();

function run(script: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, script)], {
      cwd: path.resolve(here, '../..'),
      stdio: 'inherit',
    });
    child.once('error', () => resolve(1));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (scripts.length === 0) {
  console.error(`no benchmark in tests/bench matches ${picks.join(', ')}`);
  process.exitCode = 1;
}
const failed: string[] = [];
for (const script of scripts) {
  console.log(`\n=== ${script} ===`);
  const started = performance.now();
  const code = await run(script);
  console.log(`=== ${script}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${((performance.now() - started) / 1000).toFixed(1)} s ===`);
  if (code !== 0) failed.push(script);
}
if (failed.length > 0) {
  console.error(`\n${failed.length} of ${scripts.length} benchmarks failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
