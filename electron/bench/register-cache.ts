// The bench register, built once and kept: a demo register of N risks takes minutes to generate,
// and every suite starts from the same one. The cache key is everything that decides its content —
// size, seed, as-of date, schema version and the demo generator's source — so a change to any of
// them builds a fresh one. Each run works on a copy (suites add rows), never on the cached file.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openCore } from '../core.js';
import { loadMigrations } from '../../db/migrate.js';
import { BENCH_CALLER } from './caller.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** The generator's sources: a change there changes the register. */
const DEMO_SOURCES = ['db/demo.ts', 'db/demoMeetings.ts', 'shared/demo.ts'];

export function benchCacheDir(): string {
  return process.env.YANPAN_BENCH_CACHE ?? join(ROOT, 'node_modules', '.cache', 'yanpan-bench');
}

function cacheKey(risks: number, seed: number, asOf: string): string {
  const h = createHash('sha256');
  for (const f of DEMO_SOURCES) if (existsSync(join(ROOT, f))) h.update(readFileSync(join(ROOT, f)));
  return `register-${risks}-seed${seed}-${asOf}-schema${loadMigrations().length}-${h.digest('hex').slice(0, 12)}.db`;
}

/**
 * Puts the bench register at `target` (a fresh copy from the cache, building and caching it first
 * when missing). Returns whether it came from the cache and how long it took.
 */
export async function benchRegister(target: string, o: { risks: number; seed: number; asOf: string; noCache?: boolean }): Promise<{ cached: boolean; seconds: number }> {
  const started = performance.now();
  const dir = benchCacheDir();
  const cached = join(dir, cacheKey(o.risks, o.seed, o.asOf));
  if (!o.noCache && existsSync(cached)) {
    copyFileSync(cached, target);
    return { cached: true, seconds: (performance.now() - started) / 1000 };
  }
  const core = openCore({ caller: BENCH_CALLER, dbPath: target, host: 'cli' });
  try {
    const demo = await core.dispatch('demo.load', { risks: o.risks, asOf: o.asOf, seed: o.seed });
    if (!demo.ok) throw new Error(demo.error.message);
    // A register as the app opens it: the demo's one big transaction checkpointed into the file (closing
    // the app does this), not a 1.2 GB write-ahead log every read would have to look through first.
    core.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    core.close();
  }
  if (!o.noCache) {
    mkdirSync(dir, { recursive: true });
    // Older registers of the same size and seed (another schema or generator) are dead weight.
    for (const f of readdirSync(dir)) if (f.startsWith(`register-${o.risks}-seed${o.seed}-`) && f !== cacheKey(o.risks, o.seed, o.asOf)) rmSync(join(dir, f), { force: true });
    copyFileSync(target, `${cached}.part`);
    renameSync(`${cached}.part`, cached);
  }
  return { cached: false, seconds: (performance.now() - started) / 1000 };
}
