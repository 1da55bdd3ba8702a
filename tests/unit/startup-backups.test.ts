// Start-up that does not grow with the register (issue 15): the start-up backup only when the data
// changed since the last backup (audit-only rows aside), each register sees only its own backups,
// retention bounded by count and total size, and a large register's contents checked after start.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase, backupsDirFor, backupsOf, listBackups } from '../../db/backups.js';
import { backupFileName, backupsToKeep, type BackupEntry } from '../../shared/backups.js';
import { openCore } from '../../electron/core.js';
import { openRecoverableCore } from '../../electron/recovery.js';
import { startWebHost } from '../../electron/webhost.js';
import { fixedClock, ok, tempDir, testCaller } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Backup files of the folder, finished or being written (a `.part`). */
const backupFiles = (dbPath: string) => {
  try {
    return readdirSync(backupsDirFor(dbPath)).filter((f) => f.endsWith('.db') || f.endsWith('.part'));
  } catch {
    return [];
  }
};

type HostCore = NonNullable<ReturnType<ReturnType<typeof openRecoverableCore>['current']>>;
/** 150 ms after the page's activity: the start-up work has not begun. */
const notBegunAfterPause = async (c: HostCore, dbPath: string) => {
  await sleep(150);
  expect(c.checkStarted()).toBe(false);
  expect(backupFiles(dbPath)).toEqual([]);
};
/** The start-up work begins once quiet (idle 400 ms, counted from up to 150 ms ago), check and backup both. */
async function beginsWhenQuiet(c: HostCore, dbPath: string) {
  const quietFrom = Date.now();
  await c.ready;
  expect(Date.now() - quietFrom).toBeGreaterThanOrEqual(400 - 150 - 20);
  expect(c.checkStarted()).toBe(true);
  expect(await c.checked).toEqual([]);
  expect(backupsOf(dbPath).map((b) => b.reason)).toEqual(['start']);
}

async function demoDb(dir: string, name = 'yanpan.db') {
  const dbPath = join(dir, name);
  const core = openCore({ caller: testCaller(), dbPath, host: 'cli', now: fixedClock() });
  await ok(core.dispatch, 'demo.load', { risks: 30, seed: 5, asOf: '2026-11-25' });
  return { core, dbPath };
}

/** Opens as an app host does (the backup without its delay) and waits for the start-up backup, if any. */
async function hostStart(dbPath: string, now: string): Promise<string[]> {
  const c = openCore({ caller: testCaller(), dbPath, host: 'web', backupOnStart: true, startWorkLatestMs: 0, now: () => now });
  await c.ready;
  c.close();
  return backupsOf(dbPath).map((b) => b.reason);
}

describe('start-up backup', () => {
  it('is skipped when nothing changed since the last backup; audit-only rows do not count, data changes and runner drafts do', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir);
    core.close();
    expect(await hostStart(dbPath, '2026-11-25T03:00:00.000Z')).toEqual(['start']);
    // Unchanged: no second copy.
    expect(await hostStart(dbPath, '2026-11-25T04:00:00.000Z')).toEqual(['start']);

    // A printed document is recorded in the audit log only: still no copy.
    let c = openCore({ caller: testCaller(), dbPath, host: 'cli', now: () => '2026-11-25T04:30:00.000Z' });
    c.db.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, '测试员', 'print', 'brief', NULL, NULL, '{}')").run('2026-11-25T04:30:00.000Z');
    c.close();
    expect(await hostStart(dbPath, '2026-11-25T05:00:00.000Z')).toEqual(['start']);

    // A real change (through the API, so audited): a new copy.
    c = openCore({ caller: testCaller(), dbPath, host: 'cli', now: () => '2026-11-25T05:30:00.000Z' });
    const first = (await ok<{ rows: Array<{ id: number; version: number }> }>(c.dispatch, 'risks.list', { page: 1, pageSize: 1 })).rows[0];
    await ok(c.dispatch, 'risks.update', { id: first.id, version: first.version, patch: { progress: '已走访 12 户' } });
    c.close();
    expect(await hostStart(dbPath, '2026-11-25T06:00:00.000Z')).toEqual(['start', 'start']);

    // A runner draft is saved without an audit row, and still counts.
    c = openCore({ caller: testCaller(), dbPath, host: 'cli', now: () => '2026-11-25T06:30:00.000Z' });
    const meeting = c.db.prepare("SELECT id FROM meetings WHERE state IN ('筹备', '进行中') ORDER BY date DESC LIMIT 1").get() as { id: number };
    await ok(c.dispatch, 'meetings.draftSave', { meetingId: meeting.id, riskId: first.id, field: 'analysis', text: '会中记录' });
    c.close();
    expect(await hostStart(dbPath, '2026-11-25T07:00:00.000Z')).toEqual(['start', 'start', 'start']);
  });

  it('a backup of another state (a restore went back) is not taken for this one', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir);
    const b = await backupDatabase(core.db, dbPath, 'manual', '2026-11-25T03:00:00.000Z');
    // The register's audit history diverges from the backup's at the backup's last row.
    const last = core.db.prepare('SELECT MAX(id) AS id FROM audit_log').get() as { id: number };
    core.db.exec('DROP TRIGGER audit_log_no_update'); // a divergence made by hand (the app never edits audit rows)
    core.db.prepare("UPDATE audit_log SET at = '2026-11-25T03:30:00.000Z' WHERE id = ?").run(last.id);
    core.close();
    expect(b.reason).toBe('manual');
    expect(await hostStart(dbPath, '2026-11-25T04:00:00.000Z')).toEqual(['start', 'manual']);
  });
});

describe('start-up work waits for the first page (electron/startWork.ts)', () => {
  it('backup and contents check begin only once the first call has been answered and the host stayed quiet for the idle time', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir);
    core.close();
    // What the start-up work had done when the host was told it was over (`yanpan serve` prints it).
    const toldDone: Array<{ backups: string[]; checked: boolean }> = [];
    let checked = false;
    const onStartWorkDone = () => toldDone.push({ backups: backupsOf(dbPath).map((b) => b.reason), checked });
    const rc = openRecoverableCore({ caller: testCaller(), dbPath, host: 'web', backupOnStart: true, checkBeforeOpenMaxBytes: 0, startWorkIdleMs: 400, startWorkLatestMs: 30_000, onStartWorkDone });
    const c = rc.current()!;
    void c.checked!.then(() => (checked = true));
    try {
      // Before any call (the login page): nothing, however long.
      await sleep(700);
      expect(c.checkStarted()).toBe(false);
      expect(backupFiles(dbPath)).toEqual([]);
      // The first page's calls, 150 ms apart: the quiet time counts from the last one's answer.
      for (let i = 0; i < 4; i++) {
        await ok(rc.dispatch, 'risks.list', { page: 1 });
        await notBegunAfterPause(c, dbPath);
      }
      expect(toldDone).toEqual([]);
      await beginsWhenQuiet(c, dbPath);
      await sleep(20);
      expect(toldDone).toEqual([{ backups: ['start'], checked: true }]);
    } finally {
      rc.close();
    }
  });

  it('the page still loading its files after its last call counts as busy: the web host serves them through Core.track', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir);
    core.close();
    const staticDir = join(dir, 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(staticDir, 'assets', 'RiskDrawer.js'), 'export {};');
    const rc = openRecoverableCore({ caller: testCaller(), dbPath, host: 'web', backupOnStart: true, checkBeforeOpenMaxBytes: 0, startWorkIdleMs: 400, startWorkLatestMs: 30_000 });
    const c = rc.current()!;
    // As `yanpan serve` wires it (electron/cli.ts).
    const host = await startWebHost({ dispatch: rc.dispatch, staticDir, activity: rc.track });
    try {
      // The first page's last call, then its scripts for a while longer (a loaded machine): 1.2 s, every 150 ms.
      await ok(rc.dispatch, 'risks.list', { page: 1 });
      const until = Date.now() + 1200;
      while (Date.now() < until) {
        const r = await fetch(`${host.url}assets/RiskDrawer.js`);
        expect(r.status).toBe(200);
        await r.arrayBuffer();
        await notBegunAfterPause(c, dbPath);
      }
      await beginsWhenQuiet(c, dbPath);
    } finally {
      await host.close();
      rc.close();
    }
  });

  it('begins by the latest start even while calls never pause, and is skipped there too when nothing changed', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir);
    core.close();
    const busyUntil = async (c: { ready: Promise<void> }, dispatch: typeof core.dispatch) => {
      let settled = false;
      void c.ready.then(() => (settled = true));
      const t = Date.now();
      // A user who never pauses: a call every 50 ms, far under the idle time.
      while (!settled && Date.now() - t < 20_000) {
        await ok(dispatch, 'risks.list', { page: 1 });
        await sleep(50);
      }
      return Date.now() - t;
    };
    let rc = openRecoverableCore({ caller: testCaller(), dbPath, host: 'web', backupOnStart: true, startWorkIdleMs: 60_000, startWorkLatestMs: 600 });
    let took = await busyUntil(rc.current()!, rc.dispatch);
    rc.close();
    expect(took).toBeGreaterThanOrEqual(550);
    expect(backupsOf(dbPath).map((b) => b.reason)).toEqual(['start']);
    // Again, unchanged since (reads and logins are not changes): the latest start finds nothing to copy.
    rc = openRecoverableCore({ caller: testCaller(), dbPath, host: 'web', backupOnStart: true, startWorkIdleMs: 60_000, startWorkLatestMs: 600 });
    took = await busyUntil(rc.current()!, rc.dispatch);
    rc.close();
    expect(took).toBeGreaterThanOrEqual(550);
    expect(backupsOf(dbPath).map((b) => b.reason)).toEqual(['start']);
  });

  it('a host closing before it began takes the backup first (finishStartWork); `yanpan serve` stopped at once leaves it written', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir);
    core.close();
    const rc = openRecoverableCore({ caller: testCaller(), dbPath, host: 'web', backupOnStart: true, startWorkIdleMs: 60_000, startWorkLatestMs: 60_000 });
    await ok(rc.dispatch, 'risks.list', { page: 1 });
    expect(backupFiles(dbPath)).toEqual([]);
    // Twice at once (Ctrl+C pressed twice, or SIGINT then SIGTERM): one backup, not a second one begun beside the first.
    await Promise.all([rc.current()!.finishStartWork(), rc.current()!.finishStartWork()]);
    rc.close();
    expect(backupsOf(dbPath).map((b) => b.reason)).toEqual(['start']);

    // The web host: SIGTERM right after it printed its address, long before any quiet time.
    const other = await demoDb(tempDir());
    other.core.close();
    const bin = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');
    const child = spawn(process.execPath, [bin, 'serve', '--db', other.dbPath, '--port', '0'], { env: { ...process.env, YANPAN_HOME: dir } });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      if (out.includes('已启动')) child.kill('SIGTERM');
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const code = await new Promise((done) => child.on('close', (c, sig) => done(c ?? sig)));
    expect(code, err).toBe(0);
    expect(backupsOf(other.dbPath).map((b) => b.reason)).toEqual(['start']);
  });
});

describe('backups of one register', () => {
  it('registers sharing a folder each list only their own backups, and rotation leaves the others alone', async () => {
    const dir = tempDir();
    const a = await demoDb(dir, 'yanpan.db');
    const b = await demoDb(dir, '二号台账.db');
    await backupDatabase(a.core.db, a.dbPath, 'manual', '2026-11-25T03:00:00.000Z');
    await backupDatabase(b.core.db, b.dbPath, 'manual', '2026-11-25T03:10:00.000Z');
    expect(backupsDirFor(a.dbPath)).toBe(backupsDirFor(b.dbPath));
    expect(backupsOf(a.dbPath).map((x) => x.name)).toEqual(['yanpan-20261125T030000000Z-manual.db']);
    expect(backupsOf(b.dbPath).map((x) => x.name)).toEqual(['二号台账-20261125T031000000Z-manual.db']);
    const listed = await ok<BackupEntry[]>(b.core.dispatch, 'backups.list', {});
    expect(listed.map((x) => x.name)).toEqual(['二号台账-20261125T031000000Z-manual.db']);
    // The other register's backup cannot be fetched through this one.
    const other = await b.core.dispatch('backups.download', { name: 'yanpan-20261125T030000000Z-manual.db' });
    expect(!other.ok && other.error.code).toBe('NOT_FOUND');
    // Twelve more backups of register A: its rotation keeps its newest 10, B's one stays.
    const src = backupsOf(a.dbPath)[0].file;
    for (let i = 1; i <= 12; i++) copyFileSync(src, join(backupsDirFor(a.dbPath), backupFileName(`2026-11-24T${String(i).padStart(2, '0')}:00:00.000Z`, 'start')));
    await backupDatabase(a.core.db, a.dbPath, 'manual', '2026-11-25T04:00:00.000Z');
    expect(backupsOf(a.dbPath)).toHaveLength(10);
    expect(backupsOf(b.dbPath)).toHaveLength(1);
    expect(listBackups(backupsDirFor(a.dbPath))).toHaveLength(11);
    a.core.close();
    b.core.close();
  });

  it('retention is bounded by total size too: oldest dropped first, the newest always kept', () => {
    const at = (h: number) => `2026-11-25T${String(h).padStart(2, '0')}:00:00.000Z`;
    const list = [1, 2, 3, 4, 5].map((h) => ({ name: `b${h}`, at: at(h), reason: 'start', size: 400 }));
    expect([...backupsToKeep(list, at(6), { last: 10, weeks: 8, maxBytes: 1000 })].sort()).toEqual(['b4', 'b5']);
    expect([...backupsToKeep([{ ...list[0], size: 5000 }], at(6), { last: 10, weeks: 8, maxBytes: 1000 })]).toEqual(['b1']);
  });
});

describe('a large register is checked after start', () => {
  it('opens at once, and damage the check finds afterwards puts the host in recovery mode', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir);
    await backupDatabase(core.db, dbPath, 'manual', '2026-11-25T03:00:00.000Z');
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    // Damage in the middle of the file (not the schema page): the quick check finds it, opening does not.
    const bytes = readFileSync(dbPath);
    const at = bytes.length - 8 * 4096;
    for (let i = at; i < at + 4 * 4096; i++) bytes[i] = (i * 31) & 0xff;
    writeFileSync(dbPath, bytes);

    let toldDone = 0;
    const rc = openRecoverableCore({ caller: testCaller(), dbPath, host: 'web', checkBeforeOpenMaxBytes: 0, startWorkLatestMs: 0, onStartWorkDone: () => toldDone++ });
    expect(rc.damaged).toBe(null);
    const problems = await rc.current()!.checked!;
    expect(problems.join('；')).toMatch(/完整性检查未通过|无法读取数据库/);
    const info = await rc.dispatch('app.info', {});
    expect(!info.ok && info.error.message).toMatch(/数据库文件已损坏/);
    expect(!info.ok && (info.error.details as { recovery: { backup: { name: string } } }).recovery.backup.name).toBe('yanpan-20261125T030000000Z-manual.db');
    // Not told it went well: the damaged core was closed instead.
    await sleep(20);
    expect(toldDone).toBe(0);
    rc.close();
  });

  it('a sound large register passes the check after start', async () => {
    const dir = tempDir();
    const { core, dbPath } = await demoDb(dir);
    core.close();
    const rc = openRecoverableCore({ caller: testCaller(), dbPath, host: 'web', checkBeforeOpenMaxBytes: 0, startWorkLatestMs: 0 });
    expect(await rc.current()!.checked).toEqual([]);
    expect((await rc.dispatch('app.info', {})).ok).toBe(true);
    rc.close();
  });
});
