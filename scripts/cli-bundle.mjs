// The `yanpan` command's bundle: electron/cli.ts and everything it imports (our TypeScript and the
// pure-JS packages), built by esbuild into dist/cli/<build>/ with one chunk per lazily loaded part
// (the bench, Word output, sheet reading). Node loads it in about a third of the CPU time it takes
// through tsx (whose loader hooks resolve and compile each of ~1000 modules on a second thread).
//
// Never stale: dist/cli/manifest.json lists every input of the build (esbuild's metafile: our
// sources and the packages' files) with its size, mtime and ctime, plus this script, package.json
// and the tsconfig files. Any difference (an edit, a checkout, npm install, a file gone) means a
// rebuild before running. A file changed while a build ran (ctime after its start) makes that
// build unusable: the caller then runs through tsx. A build already under way in another process
// (two hosts started at once) likewise: tsx this once, never a wait.
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist', 'cli');
const MANIFEST = join(OUT, 'manifest.json');
/** Bump when the build's options change in a way the inputs do not show. */
const FORMAT = 1;
/** Inputs esbuild does not list but the build depends on. */
const EXTRA_INPUTS = ['scripts/cli-bundle.mjs', 'package.json', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.node.json'];
/** Loaded at run time, not bundled: the native SQLite module, the browser driver (large, only for PDFs), Electron. */
const EXTERNAL = ['better-sqlite3-multiple-ciphers', 'playwright-core', 'electron'];
const CLOCK_MARGIN_MS = 100;
/** Previous builds kept (a host started from one may still load one of its lazy chunks). */
const KEEP_OLD = 3;

const statOf = (p) => {
  const s = statSync(join(ROOT, p));
  return [s.size, s.mtimeMs, s.ctimeMs];
};

/** The entry of an up-to-date bundle, or null (none yet, or any input differs from when it was built). */
export function freshCliBundle() {
  let m;
  try {
    m = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return null;
  }
  if (m.format !== FORMAT || !Array.isArray(m.inputs)) return null;
  for (const [p, size, mtimeMs, ctimeMs] of m.inputs) {
    let s;
    try {
      s = statOf(p);
    } catch {
      return null;
    }
    if (s[0] !== size || s[1] !== mtimeMs || s[2] !== ctimeMs) return null;
  }
  const entry = join(OUT, m.build, 'cli.js');
  return existsSync(entry) ? entry : null;
}

/**
 * Each source's own import.meta.url / import.meta.dirname, as the bundle's location plus a relative
 * path (every output file sits in dist/cli/<build>/): paths found from them (the renderer, the
 * migrations, the bench's scripts) are the same as from source, and the tree may move.
 */
const sourceLocation = {
  name: 'source-location',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.')) return undefined;
      const rel = relative(join(OUT, 'build'), args.path).split(sep).join('/');
      const dir = rel.slice(0, rel.lastIndexOf('/') + 1);
      const contents = text
        .replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`)
        .replaceAll('import.meta.dirname', `__ypDir(new URL(${JSON.stringify(dir)}, import.meta.url))`);
      return { contents, loader: 'ts' };
    });
  },
};

const BANNER = [
  // The CommonJS packages bundled into ESM call require().
  "import { createRequire as __ypRequire } from 'node:module';",
  "import { fileURLToPath as __ypPath } from 'node:url';",
  'const require = __ypRequire(import.meta.url);',
  "const __ypDir = (u) => __ypPath(u).replace(/[\\\\/]+$/, '');",
].join('\n');

/** Builds the bundle; returns its entry, or null when it cannot be used now (see the header). */
export async function buildCliBundle() {
  const lock = join(OUT, '.building');
  let fd;
  try {
    // A program folder this user may not write (an installation shared by the machine): tsx, as before.
    mkdirSync(OUT, { recursive: true });
    fd = openSync(lock, 'wx');
  } catch {
    // Another process is building (or died building: its lock is cleared for the next run).
    try {
      if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { force: true });
    } catch {
      /* gone meanwhile */
    }
    return null;
  }
  const build = `${Date.now().toString(36)}-${process.pid}`;
  const tmp = join(OUT, `.tmp-${build}`);
  try {
    const started = Date.now();
    const esbuild = await import('esbuild');
    const r = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: { cli: 'electron/cli.ts' },
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: EXTERNAL,
      banner: { js: BANNER },
      plugins: [sourceLocation],
      sourcemap: 'linked',
      legalComments: 'none',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = [...new Set([...Object.keys(r.metafile.inputs), ...EXTRA_INPUTS])].map((p) => [p, ...statOf(p)]);
    // Changed while the build read it: the build may hold either version. (The margin covers the
    // file system's coarse clock: a change just before the start may carry a slightly earlier time.)
    if (inputs.some(([, , , ctimeMs]) => ctimeMs >= started - CLOCK_MARGIN_MS)) return null;
    renameSync(tmp, join(OUT, build));
    writeFileSync(`${MANIFEST}.part`, JSON.stringify({ format: FORMAT, build, inputs }));
    renameSync(`${MANIFEST}.part`, MANIFEST);
    removeOldBuilds(build);
    return join(OUT, build, 'cli.js');
  } catch {
    return null;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}

function removeOldBuilds(current) {
  const old = readdirSync(OUT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== current && !d.name.startsWith('.'))
    .map((d) => ({ name: d.name, at: statSync(join(OUT, d.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const d of old.slice(KEEP_OLD)) rmSync(join(OUT, d.name), { recursive: true, force: true });
}

/** An up-to-date bundle's entry, built when needed; null: run the sources through tsx. */
export async function cliBundle() {
  return freshCliBundle() ?? (await buildCliBundle());
}
