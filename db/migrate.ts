// Schema migrations: numbered SQL files, one step each, each in its own transaction,
// tracked by PRAGMA user_version. A database written by a newer app is refused untouched.
import type Database from 'better-sqlite3-multiple-ciphers';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../shared/errors.js';
import { CLOSED_STATUSES_SQL } from '../shared/risks.js';
import { riskHistoryFillSql, riskHistoryMarksSql } from '../shared/statsHistory.js';
import { sqlInList } from '../shared/sql.js';
import { ROLES } from '../shared/roles.js';
import { unitName } from '../shared/units.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrationsDir(): string {
  // Bundled builds set YANPAN_MIGRATIONS; from source the folder sits beside this module.
  return process.env.YANPAN_MIGRATIONS ?? join(dirname(fileURLToPath(import.meta.url)), 'migrations');
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  const files = readdirSync(dir).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  return files.map((f, i) => {
    const version = Number(f.slice(0, 4));
    if (version !== i + 1) throw new Error(`migration numbering gap at ${f}`);
    const name = f.replace(/\.sql$/, '');
    return { version, name, sql: fillPlaceholders(readFileSync(join(dir, f), 'utf8'), name) };
  });
}

/**
 * Rules of shared/ that migrations need, as SQL: a migration writes {{CLOSED_STATUSES}} where a
 * trigger or a query needs the list, so the schema says what the TypeScript says. What a migration
 * created keeps the text it was created with: a changed rule needs a new migration that recreates
 * the triggers using it (the placeholder then fills in the new list).
 */
export const MIGRATION_PLACEHOLDERS: Readonly<Record<string, string>> = {
  CLOSED_STATUSES: CLOSED_STATUSES_SQL,
  // 0009 fills the status/level history from what the register already holds (without the marks,
  // which 0013 adds and works out from the history).
  RISK_HISTORY_FILL: riskHistoryFillSql('1', false),
  RISK_HISTORY_MARKS: riskHistoryMarksSql(),
  ROLES: sqlInList(ROLES).slice(1, -1),
};

function fillPlaceholders(sql: string, name: string): string {
  return sql.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = MIGRATION_PLACEHOLDERS[key];
    if (value === undefined) throw new Error(`migration ${name}: unknown placeholder {{${key}}}`);
    return value;
  });
}

export class NewerDatabaseError extends AppError {
  constructor(found: number, known: number) {
    super('DB_ERROR', `这个数据库由更新版本的风险研判台创建（结构版本 ${found}，本程序只认识到 ${known}）。为保护数据，程序没有改动它。请升级风险研判台后再打开。`);
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws NewerDatabaseError when the database was written by a newer version of the app. */
export function assertNotNewer(db: Database.Database, migrations = loadMigrations()): void {
  const found = schemaVersion(db);
  if (found > migrations.length) throw new NewerDatabaseError(found, migrations.length);
}

/** Applies pending migrations. `beforeMigrate` lets the caller back up first (only called when there is work). */
export function migrate(db: Database.Database, migrations = loadMigrations(), beforeMigrate?: (from: number, to: number) => void): number {
  assertNotNewer(db, migrations);
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current < latest) beforeMigrate?.(current, latest);
  // Rules a migration needs as SQL functions (0012 folds unit names the way shared/units.ts writes them).
  db.function('unit_name', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? unitName(s) : s) as string | null);
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}
