#!/usr/bin/env node
// npm test: every suite in one go — typecheck, lint (ESLint and the import-cycle check), renderer build, unit (vitest), e2e (Playwright
// in Debian's Chromium), the performance guard (`bench --quick`: each judged query's ratio to its raw SQL) — then one closing
// line "N passed, N failed" summing them all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs one stage

let passed = 0;
let failed = 0;
const summary = [];

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(label, cmd, args) {
  const ok = run(label, cmd, args);
  if (ok) passed++;
  else failed++;
  summary.push(`${label}: ${ok ? 'ok' : 'FAILED'}`);
  return ok;
}

function suite(label, cmd, args, reportFile, count, env = {}) {
  rmSync(reportFile, { force: true });
  const ok = run(label, cmd, args, env);
  let p = 0;
  let f = 0;
  if (existsSync(reportFile)) {
    ({ p, f } = count(JSON.parse(readFileSync(reportFile, 'utf8'))));
  }
  if (!ok && f === 0) f = 1; // the runner itself failed (crash, no tests found, config error)
  passed += p;
  failed += f;
  summary.push(`${label}: ${p} passed, ${f} failed`);
}

const want = (stage) => only.length === 0 || only.includes(stage);

if (want('typecheck')) {
  check('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
  check('typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
}
if (want('lint')) {
  check('lint', bin('eslint'), ['.', '--max-warnings=0']);
  check('import cycles', process.execPath, [join(root, 'scripts', 'check-cycles.mjs')]);
}
let built = true;
if (want('e2e') || want('build')) built = check('build renderer', bin('vite'), ['build', '--logLevel', 'warn']);
if (want('unit')) {
  const file = join(tmp, 'vitest.json');
  suite('unit (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], file, (j) => ({ p: j.numPassedTests ?? 0, f: (j.numFailedTests ?? 0) + (j.numRuntimeErrorTestSuites ?? 0) }));
}
if (want('e2e')) {
  if (built) {
    const file = join(tmp, 'playwright.json');
    suite('e2e (playwright)', bin('playwright'), ['test', '--reporter=list,json'], file, (j) => ({ p: (j.stats?.expected ?? 0) + (j.stats?.flaky ?? 0), f: (j.stats?.unexpected ?? 0) + (j.errors?.length ?? 0) }), { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  } else {
    failed++;
    summary.push('e2e (playwright): not run, the renderer did not build');
  }
}

if (want('bench')) {
  // Ratios only (ceiling 3× the raw query, judged where the raw query takes ≥ 2 ms): each judged case within it is one pass,
  // each breach, error or disagreement with the raw rows one failure. The 20,000-risk register is cached between runs.
  const file = join(tmp, 'bench-quick.json');
  suite('performance guard (bench --quick)', process.execPath, [join(root, 'scripts', 'yanpan.mjs'), 'bench', '--quick', '--json', file], file, (j) => ({ p: j.guard?.passed ?? 0, f: j.guard?.failed ?? 0 }));
}

process.stdout.write(`\n${summary.join('\n')}\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
