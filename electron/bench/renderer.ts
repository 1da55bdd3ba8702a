// The app at scale as a user meets it: the web host started on the 100,000-risk register and driven
// by Chromium. Start-up (process start to the register's first page, with and without the start-up
// backup to take), then fresh loads of the register, the heat map and 我的周一, and the tab's JS heap
// after visiting every area. No raw twin: these are absolute figures against the targets.
// Every page is a new tab of a window the browser already has open (see setup).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { findBrowser } from '../print/chromium.js';
import { RENDERER_DIR } from '../renderer-dir.js';
import { START_WORK_DONE_LINE } from '../startWork.js';
import type { BenchCase, BenchSuite } from './types.js';
import { openDatabase } from '../../db/open.js';
import { createAccount } from '../../db/accounts.js';

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AREAS = ['register', 'meetings', 'heatmap/matrix', 'heatmap/domains', 'heatmap/movement', 'heatmap/trend', 'actions', 'briefs', 'data', 'settings'];

let cleanup: (() => Promise<void>) | null = null;

/** `yanpan serve` on `dbPath`: its address, and when its start-up work (backup, contents check) is over. */
function startHost(dbPath: string, today: string, home: string): { proc: ChildProcess; url: Promise<string>; startWorkDone: Promise<void>; exited: Promise<void> } {
  const proc = spawn(process.execPath, [BIN, 'serve', '--db', dbPath, '--today', today], { env: { ...process.env, YANPAN_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((ok) => proc.once('exit', () => ok()));
  let out = '';
  const printed = <T>(find: (out: string) => T | null) =>
    new Promise<T>((ok, fail) => {
      const look = () => {
        const found = find(out);
        if (found !== null) ok(found);
      };
      proc.stdout!.on('data', look);
      proc.once('exit', (code) => fail(new Error(`web host exited (${code}): ${out}`)));
    });
  proc.stdout!.on('data', (c) => (out += c));
  proc.stderr!.on('data', (c) => (out += c));
  const url = printed((o) => /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(o)?.[1] ?? null);
  const startWorkDone = printed((o) => (o.includes(START_WORK_DONE_LINE) ? undefined : null));
  // Only awaited by some cases: a host stopped before its start-up work ended is not an error.
  startWorkDone.catch(() => {});
  return { proc, url, startWorkDone, exited };
}

/**
 * Waits until no API request started for `quietMs`. (A string, not a function: the bench runs
 * through tsx, whose helpers a serialised function would carry into the page.)
 */
async function settle(page: Page, quietMs = 700): Promise<void> {
  await page.evaluate(`(async () => {
    performance.clearResourceTimings();
    const seen = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).length;
    let last = seen();
    let still = 0;
    while (still < ${quietMs}) {
      await new Promise((r) => setTimeout(r, 100));
      const n = seen();
      still = n === last ? still + 100 : 0;
      last = n;
    }
  })()`);
}

/**
 * Waits until a browser just launched has finished its own start-up. Headless Chromium keeps working
 * for about 2 s after launch() and the first blank tab have returned (measured on this machine:
 * 1.5–1.8 s of CPU over the browser's processes). A start-up timed from there ran beside that work
 * on the two cores: the browser used 5.3–6.3 s of CPU during it instead of 3.8–4.3 s, and it took
 * 6.8 s instead of 5.2 s (medians of 4 alternated starts, load 8–9). That is why the first start-up
 * case (no backup yet) came ~1.2 s after the second in whole runs: the bench's launch of the browser,
 * not the app, whose work before the first page is the same in both (a user's browser is already
 * running; see setup). Quiet: two samples in a row with under 25 ms of the browser's CPU per 250 ms;
 * at most 30 s.
 */
async function browserSettled(browser: Browser): Promise<void> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const cpu = async () => ((await cdp.send('SystemInfo.getProcessInfo')).processInfo as Array<{ cpuTime: number }>).reduce((sum, p) => sum + p.cpuTime, 0);
    let last = await cpu();
    let quiet = 0;
    for (const end = performance.now() + 30_000; quiet < 2 && performance.now() < end; ) {
      await new Promise((r) => setTimeout(r, 250));
      const used = await cpu();
      quiet = used - last < 0.025 ? quiet + 1 : 0;
      last = used;
    }
  } finally {
    await cdp.detach();
  }
}

const REGISTER_READY = /共 [\d,]+ 条/;
/** When a page is shown: the register's total, the heat map's top cell, 我的周一's card. */
const registerReady = (p: Page) => p.getByText(REGISTER_READY).first().waitFor({ timeout: 60_000 });
const heatmapReady = (p: Page) => p.getByTestId('cell-5-5').waitFor({ timeout: 60_000 });
const mondayReady = (p: Page) => p.getByTestId('monday-meeting').waitFor({ timeout: 60_000 });
/** The measured time a case returns (its value also carries details). */
const msOf = (v: unknown) => (v as { ms: number }).ms;
/** The account the suite logs in as (created in its copy of the register). */
const LOGIN = { name: 'benchui', displayName: '基准', password: 'Jizhun-Jiemian-2026' };

export const rendererSuite: BenchSuite = {
  name: 'renderer',
  quick: false,
  async setup({ core, asOf }) {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error(`renderer suite: build the renderer first (npx vite build); ${RENDERER_DIR} has no index.html`);
    const dir = mkdtempSync(join(tmpdir(), 'yanpan-bench-renderer-'));
    const dbPath = join(dir, 'yanpan.db');
    // The bench register as the suites left it, checkpointed into one file.
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(core.dbPath, dbPath);
    // Since accounts (issue 16) the app opens on its login page: the copy gets a 研判员 to log in as.
    const acc = openDatabase(dbPath);
    try {
      createAccount(acc, { actor: 'bench', now: () => new Date().toISOString() }, { ...LOGIN, role: '研判员', mustChange: false });
      // synchronous=FULL: this checkpoint's fsync also puts the whole copy on disk before anything is
      // timed (a 1.4 GB copy still being written back held a start's first fsync, the new folder's
      // writer-lock file, for up to 0.7 s; measured at a few ms once flushed).
      acc.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      acc.close();
    }
    const { chromium } = await import('playwright-core');
    const browser: Browser = await chromium.launch({ executablePath: findBrowser(), args: ARGS });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    // The browser as a user has it: running, a window open, and the app opened in a new tab of it.
    // With no page left open, each newPage of headless Chromium (156) opens a new window, and every
    // window loads its own address-bar pop-up WebUIs (chrome://omnibox-popup.top-chrome/, two more
    // renderer pages): measured 2–4 s of browser CPU per page on this machine, competing with the app
    // for the two cores — a cost of the harness, not of a user's new tab (nor of this app). This blank
    // tab stays open, so the measured pages are tabs of its window.
    await context.newPage();
    await browserSettled(browser);
    let host: ReturnType<typeof startHost> | null = null;
    const stopHost = async () => {
      if (!host) return;
      host.proc.kill('SIGTERM');
      await host.exited;
      host = null;
    };
    cleanup = async () => {
      await stopHost();
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    };
    const backups = () => (existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.db')).length : 0);

    /**
     * Process start to the register's first page in a fresh tab (ms), and when on the way the host
     * printed its address, the login page showed and the first page showed (ms from process start).
     */
    const startUp = async () => {
      await stopHost();
      const t = performance.now();
      const at = () => Math.round(performance.now() - t);
      host = startHost(dbPath, asOf, dir);
      const page = await context.newPage();
      const address = await host.url;
      const listening = at();
      await page.goto(address);
      // A restarted host has no session: log in as a user would (part of what start-up costs them).
      const form = page.getByTestId('login-page');
      await form.waitFor({ timeout: 120_000 });
      const loginPage = at();
      await form.getByLabel('账号').fill(LOGIN.name);
      await form.getByLabel('密码').fill(LOGIN.password);
      await form.getByRole('button', { name: /^登\s*录$/ }).click();
      await page.getByText(REGISTER_READY).first().waitFor({ timeout: 120_000 });
      const ms = performance.now() - t;
      await page.close();
      return { ms, phases: { listening, loginPage, firstPage: Math.round(ms) } as Record<string, number>, at };
    };
    /**
     * Until the host's start-up work (backup, contents check: it begins after the first page and 3 s
     * of quiet) is over, at most 5 minutes; when that was, in ms from process start. The fresh-tab
     * cases that follow time a settled app: a tab opened while the check reads the 1.2 GB register
     * beside it took 1.9–2.2 s instead of 1.3–1.4 s (measured; lowering the check thread's priority
     * did not change it), a one-time cost of each start, not of the tab.
     */
    const startWorkOver = async (at: () => number) => {
      const limit = new Promise<void>((r) => setTimeout(r, 300_000).unref());
      await Promise.race([host!.startWorkDone, limit]);
      return at();
    };
    let url = '';
    /**
     * A fresh tab loading the app at `hash`: from the address entered until `ready` shows (ms). Opening
     * the blank tab before and closing it after are the harness's (withTab: all three, for comparison
     * with earlier runs, which timed them together).
     */
    const load = (hash: string, ready: (p: Page) => Promise<unknown>) => async () => {
      const t = performance.now();
      const page = await context.newPage();
      try {
        const entered = performance.now();
        await page.goto(`${url}#/${hash}`);
        await ready(page);
        const ms = performance.now() - entered;
        await page.close();
        return { ms, withTab: Math.round(performance.now() - t) };
      } finally {
        if (!page.isClosed()) await page.close();
      }
    };

    /**
     * In the app already open on the register, a click on the area's menu item until `ready` shows —
     * how an analyst reaches the heat map or 我的周一 (one tab for all runs; back to the register after each).
     */
    let appTab: Page | null = null;
    const navigate = (menu: string, ready: (p: Page) => Promise<unknown>) => async () => {
      if (!appTab) {
        appTab = await context.newPage();
        await appTab.goto(`${url}#/register`);
      }
      await registerReady(appTab);
      const t = performance.now();
      await appTab.getByRole('menuitem', { name: menu }).click();
      await ready(appTab);
      const ms = performance.now() - t;
      await appTab.getByRole('menuitem', { name: '风险台账' }).click();
      return { ms };
    };

    const cases: BenchCase[] = [
      {
        name: `start-up to the first register page, no backup yet (the start-up backup to take, after the page)`,
        runs: 1,
        api: async () => {
          const { ms, phases, at } = await startUp();
          // The start-up backup runs to its end, so the next start finds it.
          phases.startWorkDone = await startWorkOver(at);
          await stopHost();
          return { ms, phases, backupsAfter: backups() };
        },
        reportMs: msOf,
        targetMs: 5000,
      },
      {
        name: `start-up to the first register page, data unchanged since the last backup`,
        runs: 1,
        api: async () => {
          const before = backups();
          const { ms, phases, at } = await startUp();
          url = await host!.url;
          phases.startWorkDone = await startWorkOver(at);
          return { ms, phases, backupsBefore: before };
        },
        reportMs: msOf,
        targetMs: 5000,
      },
      { name: 'first register page (fresh tab)', runs: 5, api: load('register', registerReady), reportMs: msOf, targetMs: 1500 },
      { name: 'heat map (fresh tab)', runs: 5, api: load('heatmap/matrix', heatmapReady), reportMs: msOf, targetMs: 1500 },
      { name: '我的周一 (fresh tab)', runs: 5, api: load('meetings', mondayReady), reportMs: msOf, targetMs: 1500 },
      { name: 'heat map (in the app: menu click from the register)', runs: 3, api: navigate('热力图', heatmapReady), reportMs: msOf, targetMs: 1500 },
      { name: '我的周一 (in the app: menu click from the register)', runs: 3, api: navigate('研判会', mondayReady), reportMs: msOf, targetMs: 1500 },
      {
        name: 'JS heap after visiting every area (MB; one tab, each area left to settle)',
        runs: 1,
        api: async () => {
          await appTab?.close();
          appTab = null;
          const page = await context.newPage();
          try {
            await page.goto(`${url}#/register`);
            await registerReady(page);
            for (const a of AREAS) {
              await page.evaluate(`window.location.hash = ${JSON.stringify('/' + a)}`);
              await settle(page);
            }
            const cdp = await context.newCDPSession(page);
            const before = (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
            await cdp.send('HeapProfiler.collectGarbage');
            const afterGc = (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
            return { heapMB: Math.round(before * 10) / 10, afterGcMB: Math.round(afterGc * 10) / 10, areas: AREAS.length };
          } finally {
            await page.close();
          }
        },
        reportMs: (v) => (v as { heapMB: number }).heapMB,
        unit: 'MB',
        targetMs: 150,
      },
    ];
    return cases;
  },
  async teardown() {
    await cleanup?.();
    cleanup = null;
  },
};
