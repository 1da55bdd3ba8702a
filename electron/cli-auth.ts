// The command line logs in like a page does: YANPAN_USER / YANPAN_PASSWORD for scripts, otherwise
// it asks on the terminal (the password is not echoed). Its calls are audited as that account, and
// its failed logins count toward the same lockout as the login page's.
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { openDatabase, type Db } from '../db/open.js';
import { login } from './session.js';
import { countAccounts, recordFailuresBeforeUnlock } from '../db/accounts.js';
import { AppError } from '../shared/errors.js';
import { needsUnlock } from '../db/cipher.js';
import { fileOf, keyOf } from '../db/sqlite.js';
import { takeUnlockFailures } from '../db/keyring.js';
import { loginAfterUnlock, UnlockGate } from './unlock.js';
import type { Unwrapped } from '../db/slotBinding.js';
import { sealAudit } from '../db/auditChain.js';
import type { Caller } from '../shared/roles.js';

export const NO_ACCOUNTS = '这个台账还没有任何账号。请先完成首次设置（打开网页版或桌面版，或运行 yanpan setup）再使用命令行。';

async function ask(question: string, hidden: boolean): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (hidden) {
    // Readline echoes through _writeToOutput: print the question, then nothing of what is typed.
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    out._writeToOutput = (s: string) => {
      if (!asked) process.stderr.write(s);
      asked = true;
    };
  }
  try {
    return await new Promise<string>((ok) => rl.question(question, ok));
  } finally {
    if (hidden) process.stderr.write('\n');
    rl.close();
  }
}

/** Asks on the terminal without echo; refused when there is no terminal to ask on. */
export async function askPassword(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new AppError('INVALID_INPUT', '没有终端可以输入密码：请用环境变量 YANPAN_PASSWORD 给出。');
  return ask(question, true);
}

let given: { name: string; password: string } | null = null;

/** The account and password for this command: from YANPAN_USER / YANPAN_PASSWORD, else asked once on the terminal. */
export async function cliCredentials(env: NodeJS.ProcessEnv = process.env): Promise<{ name: string; password: string }> {
  if (given) return given;
  let name = env.YANPAN_USER;
  let password = env.YANPAN_PASSWORD;
  if ((!name || password === undefined) && !process.stdin.isTTY) {
    throw new AppError('FORBIDDEN', '命令行须以账号登录：请在终端中运行以输入账号和密码，或（脚本中）设置环境变量 YANPAN_USER 和 YANPAN_PASSWORD。');
  }
  name ||= await ask('账号：', false);
  password ??= await askPassword('密码：');
  given = { name, password };
  return given;
}

/**
 * An encrypted register is unlocked with the account's password before anything opens it (its
 * accounts are inside). A wrong password is counted in the register's key file with the login
 * page's rule, so both count together (electron/unlock.ts); the register takes the count over at
 * the next good login (cliCaller below, or the app's).
 */
export async function unlockForCli(dbPath: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!needsUnlock(dbPath)) return;
  const { name, password } = await cliCredentials(env);
  unlocked = { dbPath, u: new UnlockGate(dbPath, () => new Date().toISOString()).unlock(name, password) };
}

// The slot this command's password opened: its login then derives once, as the app's does when the
// key file binds that slot to the account's hash (electron/unlock.ts loginAfterUnlock).
let unlocked: { dbPath: string; u: Unwrapped } | null = null;

/** The password checked against the register `conn` is on, deriving once when this command unlocked that register. */
function checkPassword(conn: Db, name: string, password: string, now: () => string): Caller {
  const file = keyOf(conn)?.file;
  if (unlocked && file && resolve(file) === resolve(unlocked.dbPath)) return loginAfterUnlock(conn, unlocked.dbPath, unlocked.u, name, password, now);
  return login(conn, name, password, now);
}

/** A good login on a writable connection: the wrong passwords kept in an encrypted register's key file go into it. */
function loginAndTakeOver(conn: Db, name: string, password: string, now: () => string): Caller {
  const caller = checkPassword(conn, name, password, now);
  const k = keyOf(conn);
  if (k && !conn.readonly) {
    const earlier = takeUnlockFailures(k.file);
    if (earlier.length) {
      conn.transaction(() => {
        recordFailuresBeforeUnlock(conn, earlier);
        sealAudit(conn, now());
      }).immediate();
    }
  }
  return caller;
}

export async function cliCaller(db: Db, now: () => string, env: NodeJS.ProcessEnv = process.env): Promise<Caller> {
  if (countAccounts(db) === 0) throw new AppError('FORBIDDEN', NO_ACCOUNTS);
  const { name, password } = await cliCredentials(env);
  if (!db.readonly || db.memory) return loginAndTakeOver(db, name, password, now);
  // Reading while the app holds the register: the login is still counted and audited, on a
  // short connection of its own (SQLite orders it with the app's writes). Only a file this user
  // cannot write at all is checked without counting.
  let side: Db | null = null;
  try {
    side = openDatabase(fileOf(db));
  } catch {
    return checkPassword(db, name, password, now);
  }
  try {
    return loginAndTakeOver(side, name, password, now);
  } catch (e) {
    // The register is mid-write elsewhere: check without counting rather than wait.
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return checkPassword(db, name, password, now);
    throw e;
  } finally {
    side.close();
  }
}
