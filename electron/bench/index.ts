// npm run bench: builds a large demo register in a temp folder and runs every suite.
// Prints one JSON report: per case the api median, the raw SQL median and the median api/raw ratio
// of runs timed alternately.
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

// No forced GC between runs: measured, a full collection before each run shrank the heap and made
// the 10,000-row import 1.5× slower (the next run grows it again through many small collections).
async function timeOnce(fn: () => unknown): Promise<{ ms: number; value: unknown }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/**
 * Times api (and raw) `n` times, alternating api and raw run by run, so a change of load on this
 * shared machine falls on both sides alike. The ratio is the median of the per-pair ratios.
 */
async function timeCase(c: BenchCase, n: number): Promise<{ api: number; raw: number | null; ratio: number | null; apiValue: unknown; rawValue: unknown }> {
  const api: number[] = [];
  const raw: number[] = [];
  const ratios: number[] = [];
  let apiValue: unknown;
  let rawValue: unknown;
  for (let i = 0; i < n; i++) {
    const a = await timeOnce(c.api);
    api.push(a.ms);
    apiValue = a.value;
    if (c.raw) {
      const r = await timeOnce(c.raw);
      raw.push(r.ms);
      rawValue = r.value;
      ratios.push(a.ms / Math.max(r.ms, 0.001));
    }
  }
  return { api: median(api), raw: c.raw ? median(raw) : null, ratio: c.raw ? median(ratios) : null, apiValue, rawValue };
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
    const failed: string[] = [];
    for (const suite of SUITES.filter((s) => !opts.only || s.name === opts.only)) {
      const cases: BenchCase[] = await suite.setup({ core, risks: opts.risks, asOf: opts.asOf });
      const results: Record<string, unknown> = {};
      for (const c of cases) {
        const runs = c.runs ?? opts.runs;
        // A case that fails (its api throws, or api and raw disagree) is reported as failed and the
        // bench goes on with the next one; the command then exits non-zero.
        let t: Awaited<ReturnType<typeof timeCase>>;
        try {
          if (runs > 1) await timeCase(c, Math.min(3, runs)); // warm-up: statement cache, page cache (a single long run is its own)
          t = await timeCase(c, runs);
        } catch (e) {
          results[c.name] = { error: String((e as Error)?.message ?? e), targetMs: c.targetMs ?? null, targetRatio: c.targetRatio ?? null, meetsTarget: false };
          failed.push(`${suite.name} / ${c.name}`);
          continue;
        }
        let mismatch: string | null = null;
        try {
          if (c.same && c.raw) c.same(t.apiValue, t.rawValue);
        } catch (e) {
          mismatch = String((e as Error)?.message ?? e);
          failed.push(`${suite.name} / ${c.name}`);
        }
        results[c.name] = {
          apiMedianMs: round(t.api),
          rawMedianMs: t.raw === null ? null : round(t.raw),
          ratio: t.ratio === null ? null : round(t.ratio),
          ...(mismatch ? { sameAsRaw: false, mismatch } : {}),
          targetMs: c.targetMs ?? null,
          targetRatio: c.targetRatio ?? null,
          meetsTarget: !mismatch && (c.targetMs === undefined || t.api <= c.targetMs) && (t.ratio === null || c.targetRatio === undefined || t.ratio <= c.targetRatio),
        };
      }
      (report.suites as Record<string, unknown>)[suite.name] = results;
      await suite.teardown?.();
    }
    report.totalSeconds = round((performance.now() - started) / 1000);
    if (failed.length) {
      report.failed = failed;
      process.stderr.write(`基准测试有 ${failed.length} 项失败（出错或与原始SQL结果不一致）：${failed.join('；')}\n`);
      process.exitCode = 1;
    }
    return report;
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
