// Prepared statements kept per connection. better-sqlite3 compiles the SQL on every prepare()
// (tens of µs), which dominated per-row bulk writes (an audit row per imported risk).
// Only for run()/get()/all(): a statement being iterated cannot be shared.
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from './open.js';

const caches = new WeakMap<Db, Map<string, Statement>>();

export function cachedStatement(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/**
 * A stamp that changes whenever anything is written to the database: by this connection
 * (total_changes) or committed by another one (data_version). What is read once and kept per
 * connection compares it to know it is still what the database holds.
 */
export function writeStamp(db: Db): string {
  return `${cachedStatement(db, 'PRAGMA data_version').pluck().get() as number}/${cachedStatement(db, 'SELECT total_changes()').pluck().get() as number}`;
}
