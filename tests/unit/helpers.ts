// Test helpers: every test gets a real SQLite file in its own temp folder and a fixed clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../db/open.js';
import { createDispatcher, type Dispatch } from '../../electron/api/dispatcher.js';
import type { WriteContext } from '../../db/context.js';

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
  const dispatch = createDispatcher({ db, dbPath: file, host: 'cli', defaultOperator: '测试员', now: fixedClock(), log: () => {} });
  return { db, file, dispatch };
}

/** Calls a method and fails the test with the Chinese message if it did not succeed. */
export async function ok<T = unknown>(dispatch: Dispatch, method: string, input: unknown): Promise<T> {
  const r = await dispatch(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

export function rowCount(db: Db, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}
