// Test helpers: every test gets a real SQLite file in its own temp folder and a fixed clock.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createAccount } from '../../db/accounts.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../db/open.js';
import { createDispatcher, type Dispatch } from '../../electron/api/dispatcher.js';
import type { WriteContext } from '../../db/context.js';
import type { Caller, Role } from '../../shared/roles.js';

/** The account a unit test calls as: a 研判员 named 测试员 (accountId 0: no row, the host vouches). */
export function testCaller(name = '测试员', role: Role = '研判员'): Caller {
  return { accountId: 0, name, displayName: name, role };
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yanpan-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A clock that starts at the given instant and ticks one second per call, so audit order is visible. */
export function fixedClock(start = '2026-11-25T02:00:00.000Z'): () => string {
  let t = Date.parse(start);
  return () => new Date((t += 1000)).toISOString();
}

export function tempDatabase(): { db: Db; file: string } {
  const file = join(tempDir(), 'test.db');
  const db = openDatabase(file);
  cleanups.push(() => db.open && db.close());
  return { db, file };
}

export function testContext(actor = '测试员'): WriteContext {
  return { actor, now: fixedClock() };
}

export function tempCore(): { db: Db; file: string; dispatch: Dispatch } {
  const { db, file } = tempDatabase();
  const dispatch = createDispatcher({ db, dbPath: file, host: 'cli', defaultOperator: '测试员', now: fixedClock(), log: () => {}, caller: testCaller() });
  return { db, file, dispatch };
}

/** Calls a method and fails the test with the Chinese message if it did not succeed. */
export async function ok<T = unknown>(dispatch: Dispatch, method: string, input: unknown, caller?: Caller): Promise<T> {
  const r = await dispatch(method, input, caller);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

export function rowCount(db: Db, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Headers of an API call in a session the web host opened for `caller` (cookie + CSRF). */
export function authHeaders(h: { openSession: (c: Caller) => { cookie: string; csrf: string } }, caller = testCaller()): Record<string, string> {
  const s = h.openSession(caller);
  return { cookie: s.cookie, 'x-yanpan-csrf': s.csrf };
}

/** The account CLI tests log in as (YANPAN_USER / YANPAN_PASSWORD). */
export const CLI_ACCOUNT = { name: 'ceshi', displayName: '测试员', password: 'Mima-Test-2026' } as const;
const CREATING = ['demo', 'call', 'import', 'brief', 'export'];

/**
 * The environment a CLI test's command logs in with: the register named by `--db` gets the test
 * account (a 研判员 unless said otherwise; created once, no forced change) when it exists or the
 * command would create it. A file that cannot be opened (damaged, newer, read-only) is left alone.
 */
export function cliLogin(args: readonly string[], role: Role = '研判员'): Record<string, string> {
  const at = args.indexOf('--db');
  if (at < 0 || !args[at + 1]) return {};
  const file = args[at + 1];
  if (!existsSync(file) && !CREATING.includes(args[0])) return {};
  try {
    const db = openDatabase(file);
    try {
      if (!db.prepare('SELECT 1 FROM accounts WHERE name = ?').get(CLI_ACCOUNT.name)) {
        createAccount(db, { actor: 'test', now: () => new Date().toISOString() }, { ...CLI_ACCOUNT, role, mustChange: false });
      }
    } finally {
      db.close();
    }
  } catch {
    return {};
  }
  return { YANPAN_USER: CLI_ACCOUNT.name, YANPAN_PASSWORD: CLI_ACCOUNT.password };
}
