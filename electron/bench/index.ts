// npm run bench: builds a large demo register in a temp folder and runs every suite.
// Prints one JSON report: per case the api median, the raw SQL median and their ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../core.js';
import type { BenchCase, BenchSuite } from './types.js';
import { registerSuite } from './register.js';
import { briefsSuite } from './briefs.js';
import { meetingsSuite } from './meetings.js';
import { gradingSuite } from './grading.js';
import { importsSuite } from './imports.js';

const SUITES: BenchSuite[] = [registerSuite, gradingSuite, meetingsSuite, importsSuite, briefsSuite];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function timeAsync(fn: () => Promise<unknown>, n: number): Promise<{ ms: number; last: unknown }> {
  const times: number[] = [];
  let last: unknown;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    last = await fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), last };
}

export async function runBench(opts: { risks: number; asOf: string; runs: number; only?: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'yanpan-bench-'));
  const core = openCore({ dbPath: join(dir, 'bench.db'), host: 'cli' });
  const started = performance.now();
  try {
    const demo = await core.dispatch('demo.load', { risks: opts.risks, asOf: opts.asOf, seed: 42 });
    if (!demo.ok) throw new Error(demo.error.message);
    // A register as the app opens it: the demo's one big transaction checkpointed into the file (closing
    // the app does this), not a 1.2 GB write-ahead log every read would have to look through first.
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const report: Record<string, unknown> = { risks: opts.risks, asOf: opts.asOf, runs: opts.runs, node: process.version, suites: {} };
    for (const suite of SUITES.filter((s) => !opts.only || s.name === opts.only)) {
      const cases: BenchCase[] = await suite.setup({ core, risks: opts.risks, asOf: opts.asOf });
      const results: Record<string, unknown> = {};
      for (const c of cases) {
        const runs = c.runs ?? opts.runs;
        if (runs > 1) await timeAsync(c.api, Math.min(3, runs)); // warm-up: statement cache, page cache (a single long run is its own)
        const api = await timeAsync(c.api, runs);
        const raw = c.raw ? await timeAsync(async () => c.raw!(), runs) : null;
        if (c.same && raw) c.same(api.last, raw.last);
        results[c.name] = {
          apiMedianMs: round(api.ms),
          rawMedianMs: raw ? round(raw.ms) : null,
          ratio: raw ? round(api.ms / Math.max(raw.ms, 0.001)) : null,
          targetMs: c.targetMs ?? null,
          targetRatio: c.targetRatio ?? null,
          meetsTarget: (c.targetMs === undefined || api.ms <= c.targetMs) && (!raw || c.targetRatio === undefined || api.ms / Math.max(raw.ms, 0.001) <= c.targetRatio),
        };
      }
      (report.suites as Record<string, unknown>)[suite.name] = results;
      await suite.teardown?.();
    }
    report.totalSeconds = round((performance.now() - started) / 1000);
    return report;
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
