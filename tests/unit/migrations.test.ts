import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.js';
import { loadMigrations, migrate, NewerDatabaseError, schemaVersion } from '../../db/migrate.js';
import { DEFAULT_DOMAINS } from '../../shared/labels.js';
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

describe('0002 on an existing register', () => {
  it('keeps every risk, rebuilds the search index (now also for 1–2 characters) and adds the sort indexes', () => {
    const file = join(tempDir(), 'old.db');
    const raw = new Database(file);
    migrate(raw, loadMigrations().slice(0, 1));
    raw.prepare("INSERT INTO regions (name, sort) VALUES ('城关区', 10)").run();
    raw.prepare("INSERT INTO domains (name, sort) VALUES ('劳动社保', 10)").run();
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
