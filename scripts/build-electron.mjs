// Bundles the Electron main process and preload with esbuild into dist/electron/, next to a copy
// of db/migrations (main.ts points YANPAN_MIGRATIONS at it), so electron-builder can pack dist/.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist', 'electron');

export async function buildElectron() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'warning', legalComments: 'none' };
  await build({
    ...common,
    entryPoints: [join(root, 'electron', 'main.ts')],
    outfile: join(out, 'main.cjs'),
    // Native and Electron modules stay require()d at run time (asarUnpack keeps the .node files out of asar).
    external: ['electron', 'better-sqlite3-multiple-ciphers'],
    // db/migrate.ts reads import.meta.url only when YANPAN_MIGRATIONS is unset; give CJS a value anyway.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  await build({ ...common, entryPoints: [join(root, 'electron', 'preload.cts')], outfile: join(out, 'preload.cjs'), external: ['electron'], target: 'chrome130' });
  cpSync(join(root, 'db', 'migrations'), join(out, 'migrations'), { recursive: true });
  return out;
}
