// Data commands: import, export, backup, restore, check. Each is one function, called from cli.ts.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { openCore, openCoreToRead, PROGRAM_NAMES } from './core.js';
import { osUserName } from './paths.js';
import { acquireWriterLock } from '../db/writerLock.js';
import { fail, parse, UsageError } from './cli-args.js';
import { backupFile, checkDatabaseFile, restoreDatabase } from '../db/backups.js';
import { cliCaller, unlockForCli } from './cli-auth.js';
import { carryAccounts, encryptRestored, keepSecurity, type KeptSecurity } from '../db/restoreSecurity.js';
import { openDatabase } from '../db/open.js';

const nowIso = () => new Date().toISOString();

function needDb(values: Record<string, unknown>): string {
  if (!values.db) throw new UsageError('请用 --db 指定数据库文件。');
  return resolve(String(values.db));
}

/** The register named by --db, unlocked first when it is encrypted (the account's password). */
async function unlockedDb(values: Record<string, unknown>): Promise<string> {
  const dbPath = needDb(values);
  await unlockForCli(dbPath);
  return dbPath;
}

export async function importCmd(args: string[]) {
  const { values, positionals } = parse(args, { db: { type: 'string' }, sheet: { type: 'string' }, mapping: { type: 'string' }, 'dry-run': { type: 'boolean' } });
  const file = positionals[0];
  if (!file) throw new UsageError('缺少要导入的文件，例如：yanpan import 台账.xlsx --db yanpan.db --dry-run');
  if (!existsSync(file)) fail(`找不到文件：${file}`);
  let mapping: Record<string, string | null> | undefined;
  if (values.mapping) {
    try {
      mapping = JSON.parse(readFileSync(String(values.mapping), 'utf8'));
    } catch (e) {
      fail(`列对应文件 ${values.mapping} 不是有效的 JSON：${(e as Error).message}`);
    }
  }
  // A dry run only reads: it works while the app has the register open.
  const dbPath = await unlockedDb(values);
  const core = values['dry-run'] ? openCoreToRead({ dbPath, host: 'cli' }) : openCore({ dbPath, host: 'cli' });
  try {
    const input = { fileName: basename(file), dataBase64: readFileSync(file).toString('base64'), sheet: values.sheet as string | undefined, mapping };
    const r = await core.dispatch(values['dry-run'] ? 'imports.preview' : 'imports.commit', input, await cliCaller(core.db, nowIso));
    if (!r.ok) fail(r.error.message);
    process.stdout.write(JSON.stringify(r.value, null, 2) + '\n');
  } finally {
    core.close();
  }
}

export async function exportCmd(args: string[]) {
  const { values } = parse(args, { db: { type: 'string' }, out: { type: 'string' } });
  if (!values.out) throw new UsageError('请用 --out 指定导出文件，例如 --out 台账.xlsx');
  const out = resolve(String(values.out));
  const format = extname(out).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
  // Reads only, on its own connection: works while the app has the register open.
  const core = openCoreToRead({ dbPath: await unlockedDb(values), host: 'cli' });
  try {
    const r = await core.dispatch('exports.register', { format }, await cliCaller(core.db, nowIso));
    if (!r.ok) fail(r.error.message);
    const v = r.value as { dataBase64: string; rows: number };
    // Written beside the target and renamed: a crash never leaves half a file under the name.
    writeFileSync(`${out}.part`, Buffer.from(v.dataBase64, 'base64'));
    renameSync(`${out}.part`, out);
    process.stdout.write(JSON.stringify({ out, rows: v.rows }) + '\n');
  } finally {
    core.close();
  }
}

export async function backupCmd(args: string[]) {
  const { values } = parse(args, { db: { type: 'string' }, out: { type: 'string' } });
  if (!values.out) throw new UsageError('请用 --out 指定备份文件。');
  const out = resolve(String(values.out));
  const size = await backupFile(await unlockedDb(values), out);
  const check = checkDatabaseFile(out);
  if (!check.ok) fail(`备份已写入 ${out}，但检查未通过：${check.problems.join('；')}`);
  process.stdout.write(JSON.stringify({ out, bytes: size, check }) + '\n');
}

export async function restoreCmd(args: string[]) {
  const { values } = parse(args, { db: { type: 'string' }, from: { type: 'string' } });
  if (!values.from) throw new UsageError('请用 --from 指定要恢复的备份文件。');
  const from = resolve(String(values.from));
  if (!existsSync(from)) fail(`找不到备份文件：${from}`);
  const dbPath = await unlockedDb(values);
  // Swapping the file under a running program would send its next writes into the old file:
  // refused (naming the holder) unless this process can take the writer lock.
  const lock = acquireWriterLock(dbPath, { program: PROGRAM_NAMES.cli, user: osUserName() });
  let r: { savedCurrent: string | null };
  try {
    // The register's encryption and accounts survive the restore (db/restoreSecurity.ts).
    const current = existsSync(dbPath) && checkDatabaseFile(dbPath, { quick: true }).ok ? openDatabase(dbPath, { readonly: true }) : null;
    let kept: KeptSecurity;
    try {
      kept = keepSecurity(dbPath, current, from);
    } finally {
      current?.close();
    }
    r = await restoreDatabase(dbPath, from, new Date().toISOString());
    encryptRestored(dbPath, kept);
    if (kept.accounts.length) {
      const core = openCore({ dbPath, host: 'cli' });
      try {
        carryAccounts(core.db, kept);
      } finally {
        core.close();
      }
    }
  } finally {
    lock.release();
  }
  process.stdout.write(JSON.stringify({ restored: from, savedCurrent: r.savedCurrent }) + '\n');
}

export async function checkCmd(args: string[]) {
  const { values } = parse(args, { db: { type: 'string' } });
  const r = checkDatabaseFile(await unlockedDb(values));
  process.stdout.write(JSON.stringify({ ...r, pendingMigrations: r.schemaVersion === null ? null : Math.max(0, r.knownVersion - r.schemaVersion) }, null, 2) + '\n');
  if (!r.ok) {
    process.stderr.write(`检查未通过：${r.problems.join('；')}\n`);
    process.exitCode = 1;
  }
}
