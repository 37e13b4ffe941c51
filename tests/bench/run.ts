/**
 * Runs every benchmark script in tests/bench/ (this one aside) in turn, each in its own Node process
 * with tsx and short default sizes, prints its output under a heading (`npm run bench`), and at the
 * end repeats every `measure | baseline | klaxon | ratio` table the scripts printed (see
 * support/report.ts), so one run reads as one report. Words after `--` pick scripts by name
 * (`npm run bench -- escalation startup`); `--size short|long` reaches every script as
 * `KLAXON_BENCH_SIZE` (each picks its own sizes for it); any other flag is passed on to the scripts
 * as it is (`npm run bench -- startup --rounds 20`), so give such flags with the script they belong
 * to. Exits non-zero when a script failed, after running the rest.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const self = path.basename(fileURLToPath(import.meta.url));

/** Splits the command line into script picks, the shared size and the flags for the scripts. */
function parseCommandLine(argv: string[]): { picks: string[]; size: string; flags: string[] } {
  const picks: string[] = [];
  const flags: string[] = [];
  let size = process.env.KLAXON_BENCH_SIZE ?? 'short';
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--size' || word.startsWith('--size=')) {
      size = word.includes('=') ? word.slice('--size='.length) : (argv[++i] ?? size);
    } else if (word.startsWith('-')) {
      flags.push(word);
      // A flag's value travels with it.
      if (!word.includes('=') && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-')) flags.push(argv[++i]!);
    } else {
      picks.push(word);
    }
  }
  return { picks, size, flags };
}

const { picks, size, flags } = parseCommandLine(process.argv.slice(2));
if (size !== 'short' && size !== 'long') {
  console.error(`--size must be short or long, got ${size}`);
  process.exit(2);
}
const scripts = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && name !== self && !name.endsWith('.test.ts'))
  .filter((name) => picks.length === 0 || picks.some((pick) => name.includes(pick)))
  .sort();

/** Runs one script, echoing its output and keeping the report-table lines (`| … |`) it printed. */
function run(script: string, tables: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, script), ...flags], {
      cwd: path.resolve(here, '../..'),
      env: { ...process.env, KLAXON_BENCH_SIZE: size },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let rest = '';
    let title = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      process.stdout.write(chunk);
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('|')) {
          if (title) tables.push(`\n${title}`);
          title = '';
          tables.push(line);
        } else if (line.trim()) {
          title = line.trim();
        }
      }
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
const summary: string[] = [];
for (const script of scripts) {
  console.log(`\n=== ${script} (size ${size}) ===`);
  const started = performance.now();
  const tables: string[] = [];
  const code = await run(script, tables);
  console.log(`=== ${script}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${((performance.now() - started) / 1000).toFixed(1)} s ===`);
  if (code !== 0) failed.push(script);
  summary.push(`\n## ${script}${code === 0 ? '' : ' (FAILED)'}`, ...(tables.length ? tables : ['(no measure | baseline | klaxon | ratio table: see its output above)']));
}
if (scripts.length > 1) console.log(`\n=== summary (size ${size}) ===${summary.join('\n')}`);
if (failed.length > 0) {
  console.error(`\n${failed.length} of ${scripts.length} benchmarks failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
