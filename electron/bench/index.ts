// npm run bench: a large demo register (built once and cached, see ./register-cache.ts) copied into a
// temp folder, then every suite. Prints one JSON report: per case the api median, the raw SQL median
// and the median api/raw ratio of runs timed alternately.
//
// `--quick` is the guard `npm test` runs: a 20,000-risk register, only the cases with a ratio target
// against a raw query, and only ratios — a case whose raw query takes at least QUICK_MIN_RAW_MS is judged against the
// ceiling QUICK_CEILING; faster ones are reported, not judged (a ratio of sub-millisecond timings is
// noise on a shared machine). A breach, an error or a disagreement with the raw rows fails it.
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
import { rendererSuite } from './renderer.js';
import { statsSuite } from './stats.js';
import { benchRegister } from './register-cache.js';
import { encryptionSuite } from './encryption.js';
import { BENCH_CALLER } from './caller.js';

export const QUICK_CEILING = 3;
export const QUICK_MIN_RAW_MS = 2;
export const QUICK_RISKS = 20_000;

// encryption last: it encrypts a copy of the register as the other suites left it.
const SUITES: BenchSuite[] = [registerSuite, gradingSuite, meetingsSuite, importsSuite, briefsSuite, rendererSuite, statsSuite, encryptionSuite];

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
    if (c.reportMs) a.ms = c.reportMs(a.value);
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

export interface BenchOptions {
  risks: number;
  asOf: string;
  runs: number;
  only?: string;
  quick?: boolean;
  /** Build the register afresh and do not cache it. */
  noCache?: boolean;
}

export async function runBench(opts: BenchOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'yanpan-bench-'));
  const started = performance.now();
  const dbPath = join(dir, 'bench.db');
  const built = await benchRegister(dbPath, { risks: opts.risks, seed: 42, asOf: opts.asOf, noCache: opts.noCache });
  const core = openCore({ caller: BENCH_CALLER, dbPath, host: 'cli' });
  try {
    const report: Record<string, unknown> = {
      risks: opts.risks, asOf: opts.asOf, runs: opts.runs, node: process.version,
      register: { fromCache: built.cached, seconds: round(built.seconds) },
      ...(opts.quick ? { quick: { ceiling: QUICK_CEILING, judgedWhenRawMs: QUICK_MIN_RAW_MS } } : {}),
      suites: {},
    };
    const failed: string[] = [];
    const judged: string[] = [];
    for (const suite of SUITES.filter((s) => (!opts.only || s.name === opts.only) && (!opts.quick || s.quick !== false))) {
      const all: BenchCase[] = await suite.setup({ core, risks: opts.risks, asOf: opts.asOf, quick: !!opts.quick });
      // The guard takes the cases that hold a ratio target against their raw query.
      const cases = opts.quick ? all.filter((c) => c.raw && c.targetRatio !== undefined) : all;
      const results: Record<string, unknown> = {};
      for (const c of cases) {
        const runs = opts.quick ? Math.min(c.runs ?? opts.runs, opts.runs) : c.runs ?? opts.runs;
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
        if (opts.quick) {
          // Ratios only: no absolute time is judged here.
          const isJudged = t.raw !== null && t.raw >= QUICK_MIN_RAW_MS;
          const ceiling = c.guardCeiling ?? QUICK_CEILING;
          const ok = !mismatch && (!isJudged || (t.ratio ?? 0) <= ceiling);
          if (isJudged && ok) judged.push(`${suite.name} / ${c.name}`);
          if (!ok && !mismatch) failed.push(`${suite.name} / ${c.name}（比值 ${round(t.ratio ?? 0)} > ${ceiling}）`);
          results[c.name] = {
            apiMedianMs: round(t.api),
            rawMedianMs: t.raw === null ? null : round(t.raw),
            ratio: t.ratio === null ? null : round(t.ratio),
            ...(mismatch ? { sameAsRaw: false, mismatch } : {}),
            judged: isJudged,
            ceiling,
            ok,
          };
          continue;
        }
        results[c.name] = {
          ...(c.unit ? { unit: c.unit } : {}),
          apiMedianMs: round(t.api),
          rawMedianMs: t.raw === null ? null : round(t.raw),
          ratio: t.ratio === null ? null : round(t.ratio),
          ...(mismatch ? { sameAsRaw: false, mismatch } : {}),
          ...(c.reportMs ? { detail: t.apiValue } : {}),
          targetMs: c.targetMs ?? null,
          targetRatio: c.targetRatio ?? null,
          meetsTarget: !mismatch && (c.targetMs === undefined || t.api <= c.targetMs) && (t.ratio === null || c.targetRatio === undefined || t.ratio <= c.targetRatio),
        };
      }
      (report.suites as Record<string, unknown>)[suite.name] = results;
      await suite.teardown?.();
    }
    report.totalSeconds = round((performance.now() - started) / 1000);
    if (opts.quick) report.guard = { passed: judged.length, failed: failed.length, failures: failed };
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
