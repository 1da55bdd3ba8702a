// Where the CLI's web host and print window find the built renderer (vite build → dist/renderer).
// Its own module, not ./paths.ts: paths.ts is also bundled into the Electron main (CommonJS, where
// import.meta is empty), and bench/tests need it without importing cli.ts (which runs the CLI).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RENDERER_DIR = process.env.YANPAN_RENDERER_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'renderer');
