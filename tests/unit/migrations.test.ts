import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.js';
import { loadMigrations, migrate, NewerDatabaseError, schemaVersion } from '../../db/migrate.js';
import { DEFAULT_DOMAINS } from '../../shared/labels.js';
import { LATEST_ASSESSMENT, OPEN_DUE } from '../../db/agendaGenerate.js';
import { LEVEL_RAISED_CANDIDATES } from '../../db/agendaReasons.js';
import { rowCount, tempDir } from './helpers.js';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('migrations', () => {
  it('a new database gets every migration, WAL, full sync, foreign keys and the default lists', () => {
    const file = join(tempDir(), 'new.db');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(rowCount(db, 'domains')).toBe(DEFAULT_DOMAINS.length);
    expect(rowCount(db, 'regions')).toBeGreaterThan(0);
    db.close();
  });

  it('reopening is idempotent: no second seeding, same version', () => {
    const file = join(tempDir(), 'again.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(rowCount(db, 'domains')).toBe(DEFAULT_DOMAINS.length);
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    db.close();
  });

  it('refuses a database from a newer version and leaves the file untouched', () => {
    const file = join(tempDir(), 'future.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x)');
    raw.pragma('user_version = 999');
    raw.close();
    const before = sha(file);
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(file)).toThrow(/更新版本/);
    expect(sha(file)).toBe(before);
    expect(existsSync(file + '-wal')).toBe(false);
  });

  it('each step runs in a transaction: a failing step leaves the previous version', () => {
    const file = join(tempDir(), 'broken.db');
    const db = new Database(file);
    const good = loadMigrations();
    const bad = [...good, { version: good.length + 1, name: 'broken', sql: 'CREATE TABLE half (x); SELECT * FROM no_such_table;' }];
    expect(() => migrate(db, bad)).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(good.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });
});

/** A register file at schema `version` (the first migrations only), with one region and one domain. */
function registerAt(version: number) {
  const file = join(tempDir(), `v${version}.db`);
  const raw = new Database(file);
  migrate(raw, loadMigrations().slice(0, version));
  raw.prepare("INSERT INTO regions (name, sort) VALUES ('城关区', 10)").run();
  raw.prepare("INSERT INTO domains (name, sort) VALUES ('劳动社保', 10)").run();
  return { file, raw };
}

describe('0002 on an existing register', () => {
  it('keeps every risk, rebuilds the search index (now also for 1–2 characters) and adds the sort indexes', () => {
    const { file, raw } = registerAt(1);
    const ins = raw.prepare("INSERT INTO risks (code, region_id, domain_id, title, main_demands, created_at, updated_at) VALUES (?, 1, 1, ?, ?, 'x', 'x')");
    ins.run('JC-2025-001', '某公司欠薪', '足额支付');
    ins.run('JC-2025-002', '停产职工安置', '补偿');
    raw.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    expect(rowCount(db, 'risks')).toBe(2);
    const hit = (q: string) => db.prepare("SELECT rowid FROM risks_fts WHERE risks_fts MATCH ?").pluck().all(q);
    expect(hit('"欠薪"')).toEqual([]); // 2 characters: not a trigram…
    const terms = db.prepare("SELECT term FROM risks_fts_terms WHERE term >= '欠薪' AND term < '欠薪\u{10FFFF}'").pluck().all() as string[];
    expect(terms.length).toBe(1); // …but the padded column end gives one trigram starting with it
    expect(hit(`"${terms[0]}"`)).toEqual([1]);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'risks'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['risks_sort_deadline_asc', 'risks_sort_deadline_desc', 'risks_by_lead_unit']));
    db.close();
  });
});

describe('0016 on an existing register', () => {
  it('keeps every assessment and answers the agenda\'s three bulk reads from indexes alone', () => {
    const { file, raw } = registerAt(15);
    raw.prepare("INSERT INTO risks (code, region_id, domain_id, title, created_at, updated_at) VALUES ('JC-2025-001', 1, 1, '某公司欠薪', 'x', 'x')").run();
    const version = raw.prepare('SELECT max(version) FROM rule_sets').pluck().get();
    const ins = raw.prepare("INSERT INTO assessments (risk_id, assessed_on, likelihood, impact, final_level, rule_set_version, created_at, created_by) VALUES (1, ?, ?, ?, ?, ?, ?, '测试员')");
    ins.run('2026-10-01', 2, 3, 3, version, '2026-10-01T02:00:00.000Z');
    ins.run('2026-11-02', 4, 4, 1, version, '2026-11-02T02:00:00.000Z');
    ins.run('2026-11-02', 3, 4, 2, version, '2026-11-03T02:00:00.000Z'); // same day, later id: the latest
    raw.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(16);
    expect(rowCount(db, 'assessments')).toBe(3);
    expect(db.prepare(`SELECT ${LATEST_ASSESSMENT('1')}`).pluck().get()).toBe('[3,4,2,"2026-11-02","2026-11-03T02:00:00.000Z"]');
    const plan = (sql: string, ...params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((p) => p.detail).join('; ');
    expect(plan(`SELECT ${LATEST_ASSESSMENT('r.id')} FROM risks r`)).toContain('USING COVERING INDEX assessments_by_risk (risk_id=?)');
    expect(plan(LEVEL_RAISED_CANDIDATES, '2026-11-23', '2026-11-30')).toContain('USING COVERING INDEX assessments_by_date (assessed_on>? AND assessed_on<?)');
    expect(plan(OPEN_DUE('?', '?'), '2026-11-30', '[]')).toContain('USING COVERING INDEX risks_open_by_review (next_review<?)');
    db.close();
  });
});
