// The data commands as a user runs them, and a process killed (SIGKILL) in the middle of an import.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { tempDir, cliLogin } from './helpers.js';
import { DEFAULT_DOMAINS, DEFAULT_REGIONS } from '../../shared/labels.js';
import { IMPORT_PAUSE_ENV, IMPORT_PAUSED_LINE } from '../../db/testPause.js';

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');
// The team's sample register (ten fictional rows of 江城市), copied into the repository so no test reads outside it.
const SAMPLE = join(import.meta.dirname, 'fixtures', 'sample-register.csv');

function yanpan(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...cliLogin(args), YANPAN_HOME: tempDir() } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Row count of every table (the schema's own included), to show a killed write left nothing behind. */
function tableCounts(db: string): Record<string, number> {
  const d = new Database(db, { readonly: true });
  try {
    const names = d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name").all() as Array<{ name: string }>;
    return Object.fromEntries(names.map(({ name }) => [name, (d.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    d.close();
  }
}

function count(db: string): number {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare('SELECT COUNT(*) AS n FROM risks').get() as { n: number }).n;
  } finally {
    d.close();
  }
}

/** A large, plain register sheet: n rows with distinct codes. */
function bigCsv(file: string, n: number): void {
  const lines = ['编号,所属县区,领域,事项名称,涉及人数,风险等级,主要诉求,稳控措施,责任单位,包案领导,化解时限,进展情况,状态'];
  for (let i = 1; i <= n; i++) {
    lines.push([`JC-2025-${String(i).padStart(5, '0')}`, DEFAULT_REGIONS[i % 8], DEFAULT_DOMAINS[i % 11], `第${i}号导入事项（大表）`, `约${(i % 900) + 1}人`, '红橙黄蓝'[i % 4], '诉求' + i, '网格日走访', '某局、某街道', '副区长张×', `2025年${(i % 12) + 1}月${(i % 28) + 1}日`, '进展' + i, '化解中'].join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

describe('yanpan import / export / backup / restore / check', () => {
  it('dry run prints the report as JSON and writes nothing; import, export, backup, check, restore work end to end', () => {
    const dir = tempDir();
    const db = join(dir, 'a.db');
    const dry = yanpan('import', SAMPLE, '--db', db, '--dry-run');
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.out);
    const dataLines = readFileSync(SAMPLE, 'utf8').trim().split(/\r?\n/).length - 1;
    expect(report.counts.created).toBe(dataLines);
    expect(report.committed).toBe(false);
    expect(count(db)).toBe(0);

    const mapping = join(dir, 'map.json');
    writeFileSync(mapping, JSON.stringify({ 进展情况: null }));
    const imp = yanpan('import', SAMPLE, '--db', db, '--mapping', mapping);
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.out).counts.created).toBe(dataLines);
    expect(count(db)).toBe(dataLines);

    const out = join(dir, '台账.xlsx');
    const exp = yanpan('export', '--db', db, '--out', out);
    expect(exp.code).toBe(0);
    expect(JSON.parse(exp.out).rows).toBe(dataLines);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');

    const bak = join(dir, '手动备份.db');
    expect(yanpan('backup', '--db', db, '--out', bak).code).toBe(0);
    expect(yanpan('check', '--db', bak).code).toBe(0);

    // Change the live database, then restore the backup: the change is gone, the changed state kept as a backup.
    const live = new Database(db);
    live.exec("UPDATE risks SET title = '改过的标题' WHERE id = 1");
    live.close();
    const res = yanpan('restore', '--db', db, '--from', bak);
    expect(res.code).toBe(0);
    const saved = JSON.parse(res.out).savedCurrent as string;
    const check = (file: string) => new Database(file, { readonly: true }).prepare('SELECT title FROM risks WHERE id = 1').get() as { title: string };
    expect(check(db).title).not.toBe('改过的标题');
    expect(check(saved).title).toBe('改过的标题');
  });

  it('check exits 1 on a damaged file and names the problem', () => {
    const dir = tempDir();
    const db = join(dir, 'a.db');
    expect(yanpan('demo', '--db', db, '--risks', '300').code).toBe(0);
    const b = readFileSync(db);
    for (let i = 8192; i < 8192 * 4; i++) b[i] = i & 0xff;
    writeFileSync(db, b);
    const r = yanpan('check', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/检查未通过/);
    // Opening it for anything else refuses with the damage report instead of crashing.
    const call = yanpan('call', 'risks.list', '{}', '--db', db);
    expect(call.code).toBe(1);
    expect(call.err).toMatch(/数据库文件已损坏/);
  });

  it('.xls gets the save-as message', () => {
    const dir = tempDir();
    const xls = join(dir, '旧台账.xls');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    const r = yanpan('import', xls, '--db', join(dir, 'a.db'), '--dry-run');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/另存为/);
  });

  // The import pauses inside its write transaction after its 1,000th row (a test-only variable,
  // db/testPause.ts) and says so on stderr; the kill lands on that line, so it is certain to fall
  // inside the write. Nothing of the 1,000 rows may survive: the import is all or nothing.
  it('SIGKILL inside the import\'s write transaction leaves 0 imported rows and a database that passes check', async () => {
    const dir = tempDir();
    const sheet = join(dir, 'big.csv');
    const N = 10_000;
    bigCsv(sheet, N);
    const db = join(dir, 'killed.db');
    expect(yanpan('call', 'app.info', '{}', '--db', db).code).toBe(0);
    const before = tableCounts(db);
    const child = spawn(process.execPath, [BIN, 'import', sheet, '--db', db], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...cliLogin(['import', sheet, '--db', db]), YANPAN_HOME: tempDir(), [IMPORT_PAUSE_ENV]: '1000' },
    });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    let stderr = '';
    const paused = await new Promise<boolean>((done) => {
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes(IMPORT_PAUSED_LINE)) done(true);
      });
      child.on('exit', () => done(false));
    });
    expect(paused, `the import never reached its pause; stderr:\n${stderr}`).toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const check = yanpan('check', '--db', db);
    expect(check.code, check.err).toBe(0);
    expect(count(db)).toBe(0);
    // Only the import's login is left of it (audited before the import began): no imported row.
    const { audit_log: logAfter, audit_chain: _c, ...after } = tableCounts(db);
    const { audit_log: logBefore, audit_chain: _b, ...was } = before;
    expect(after).toEqual(was);
    expect(logAfter - logBefore).toBe(1);
    // The pre-import backup was taken before the write began, and the killed writer left no lock:
    // the same import now runs to the end.
    const again = yanpan('import', sheet, '--db', db);
    expect(again.code, again.err).toBe(0);
    expect(count(db)).toBe(N);
    expect(yanpan('check', '--db', db).code).toBe(0);
  }, 240_000);
});
