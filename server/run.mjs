// Starts the relay from one bundle of its sources and packages (`npm run relay`, `npm start`), and
// keeps V8's compiled code of it between starts: plain Node with no TypeScript loader, no module
// resolution across node_modules, and no parsing of code that was compiled last time. Measured with
// tests/bench/startup.ts this halves the CPU a start costs before /health answers (see
// docs/performance.md). The bundle is rebuilt with esbuild whenever a source under server/ or shared/
// (or package-lock.json) is newer than it; the code cache is written a few seconds after a start
// that had none (or had one V8 refused), and deleted with the bundle it belongs to.
// `node server/run.mjs --build-only` (`npm run build:relay`) only builds the bundle.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { stopWhenOrphaned } from './orphan-watch.mjs';

// Under npm (or the `npm start` launcher), stop with the process that started us, never outlive it.
stopWhenOrphaned();

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bundle = path.join(root, 'dist', 'relay', 'klaxon-relay.cjs');
const codeCache = `${bundle}.v8cache`;
/**
 * Packages left out of the bundle: native addons, optional packages that may be absent, and pdfkit,
 * which reads its font metrics (data/*.afm) from files beside its own code.
 */
const EXTERNAL = ['better-sqlite3', 'pg-native', 'bufferutil', 'utf-8-validate', 'pino-pretty', 'pdfkit'];
/** How long after start the code cache is taken: by then start-up's functions are compiled too. */
const CACHE_AFTER_MS = 5_000;

/** The newest modification time of the TypeScript files below `dir`, in ms. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function mtimeOf(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Writes `data` to `file` through a temp file and a rename, so a relay starting beside us never reads half of it. */
function writeAtomically(file, data) {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}

async function buildBundle() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(root, 'server', 'main.ts')],
    outfile: bundle,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL,
    // The sources' `import.meta.url` (project-root.ts, the logger's require) is the bundle's own URL.
    define: { 'import.meta.url': '__klaxonBundleUrl' },
    banner: { js: "var __klaxonBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    sourcemap: 'external',
    sourcesContent: false,
    logLevel: 'warning',
  });
  rmSync(codeCache, { force: true });
  // A clean clone has no dist/ yet (esbuild does not write the files itself here).
  mkdirSync(path.dirname(bundle), { recursive: true });
  // The map first: a relay that sees the new bundle must find its map.
  for (const file of [...result.outputFiles].sort((a) => (a.path.endsWith('.map') ? -1 : 1))) writeAtomically(file.path, file.contents);
}

let sourceMap;
/** The bundle's source map, read on the first stack trace that needs it (not at start). */
function bundleMap() {
  if (sourceMap === undefined) {
    try {
      sourceMap = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
    } catch {
      sourceMap = null;
    }
  }
  return sourceMap;
}

const escaped = bundle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const bundleLocation = new RegExp(`${escaped}:(\\d+):(\\d+)`);

/**
 * Stack traces name the TypeScript sources, not the bundle (Node's --enable-source-maps does not
 * reach code compiled with node:vm, so this does the same for the bundle's frames).
 */
function mapFrame(site) {
  const text = site.toString();
  const match = bundleLocation.exec(text);
  const entry = match ? bundleMap()?.findEntry(Number(match[1]) - 1, Number(match[2]) - 1) : undefined;
  if (!match || !entry?.originalSource) return text;
  const source = path.resolve(path.dirname(bundle), entry.originalSource.replace(/^file:\/\//, ''));
  return text.replace(match[0], `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
}
Error.prepareStackTrace = (error, sites) => {
  let head;
  try {
    head = Error.prototype.toString.call(error);
  } catch {
    head = 'Error';
  }
  return head + sites.map((site) => `\n    at ${mapFrame(site)}`).join('');
};

/** Runs the bundle as a CommonJS module, from V8's code cache when there is a valid one. */
function runBundle() {
  const built = statSync(bundle);
  const source = readFileSync(bundle, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(codeCache);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: bundle,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (!cachedData || script.cachedDataRejected) {
    setTimeout(() => {
      try {
        // A relay that rebuilt the bundle meanwhile deleted the cache: never leave ours beside its bundle.
        const now = statSync(bundle);
        if (now.mtimeMs !== built.mtimeMs || now.size !== built.size) return;
        writeAtomically(codeCache, script.createCachedData());
      } catch {
        // Only a slower next start: the relay runs all the same.
      }
    }, CACHE_AFTER_MS).unref();
  }
  const module = new Module(bundle);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(path.dirname(bundle));
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
}

const sourcesAt = Math.max(newestSource(path.join(root, 'server')), newestSource(path.join(root, 'shared')), mtimeOf(path.join(root, 'package-lock.json')));
const buildOnly = process.argv.includes('--build-only');
if (buildOnly || mtimeOf(bundle) < sourcesAt || mtimeOf(`${bundle}.map`) === 0) await buildBundle();
// `npm run build:relay` builds it (for packaging, or ahead of the first start) and stops there.
if (!buildOnly) runBundle();
