// Migration 0012 (issue 13): names that are the same unit once written the standard way become one
// unit; every row shows its units' current names; no text is lost (each replaced name is one of the
// unit's names and still finds it); from then on the triggers write current names for every writer.
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { ok, tempCore, tempDir } from './helpers.js';
import type { RiskRow } from '../../shared/risks.js';
import type { UnitRow } from '../../shared/units.js';

const NOW = '2026-11-20T02:00:00.000Z';

function registerAt0011() {
  const db = new Database(join(tempDir(), 'old.db'));
  db.pragma('foreign_keys = ON');
  const all = loadMigrations();
  migrate(db, all.slice(0, 11));
  db.exec("INSERT INTO domains (id, name) VALUES (1, '问题楼盘'); INSERT INTO regions (id, name) VALUES (1, '城关区');");
  const risk = db.prepare('INSERT INTO risks (code, region_id, domain_id, title, lead_unit, co_units, created_at, updated_at) VALUES (?, 1, 1, ?, ?, ?, ?, ?)');
  const add = (code: string, lead: string, co: string[] = []) => Number(risk.run(code, code, lead, JSON.stringify(co), NOW, NOW).lastInsertRowid);
  return { db, all, add };
}

const units = (db: Database.Database) => db.prepare('SELECT id, name, merged_into AS mergedInto FROM units ORDER BY id').all() as Array<{ id: number; name: string; mergedInto: number | null }>;
const row = (db: Database.Database, table: string, id: number) => db.prepare(`SELECT lead_unit AS lead, lead_unit_id AS leadId, co_units AS co FROM ${table} WHERE id = ?`).get(id);
const nameOf = (db: Database.Database, name: string) => db.prepare('SELECT unit_id FROM unit_names WHERE name = ?').pluck().get(name);

describe('migration 0012', () => {
  it('merges names that differ only in full-width letters or spaces, and rows show the current names; no name is lost', () => {
    const { db, all, add } = registerAt0011();
    // 0006's triggers made one unit per distinct trimmed text:
    const r1 = add('R-1', '城关区第１中学', ['市  人社局', '旧名办']);
    const r2 = add('R-2', '城关区第1中学', ['市 人社局']);
    const r3 = add('R-3', '市 人社局');
    expect(units(db).map((u) => u.name)).toEqual(['城关区第１中学', '市  人社局', '旧名办', '城关区第1中学', '市 人社局']);
    // 旧名办 was renamed in the list; a row written afterwards with the former name kept it (the gap 0012 closes).
    const old = nameOf(db, '旧名办') as number;
    db.prepare("UPDATE units SET name = '新名办' WHERE id = ?").run(old);
    db.prepare("INSERT INTO unit_names (name, unit_id, since) VALUES ('新名办', ?, ?)").run(old, NOW);
    const r4 = add('R-4', '旧名办', ['新名办', '旧名办']);
    db.prepare("INSERT INTO actions (code, content, lead_unit, co_units, issued_at, due_at, original_due_at, created_at, updated_at) VALUES ('JB-1', '办', '市  人社局', '[\"城关区第１中学\"]', '2026-11-16', '2026-11-30', '2026-11-30', ?, ?)").run(NOW, NOW);
    const texts = db.prepare("SELECT trim(lead_unit) AS t, lead_unit_id AS u FROM risks UNION SELECT trim(j.value), c.unit_id FROM risks r, json_each(r.co_units) j JOIN unit_names n ON n.name = trim(j.value) JOIN risk_co_units c ON c.risk_id = r.id AND c.unit_id = n.unit_id").all() as Array<{ t: string }>;

    migrate(db, all);
    const u = units(db);
    const school = u.find((x) => x.name === '城关区第1中学' && !x.mergedInto)!;
    const people = u.find((x) => x.name === '市 人社局' && !x.mergedInto)!;
    // The oldest of each set is kept (standard spelling); the others are merged into it, not deleted.
    expect(u).toEqual([
      { id: school.id, name: '城关区第1中学', mergedInto: null },
      { id: people.id, name: '市 人社局', mergedInto: null },
      { id: old, name: '新名办', mergedInto: null },
      { id: expect.any(Number), name: '城关区第1中学', mergedInto: school.id },
      { id: expect.any(Number), name: '市 人社局', mergedInto: people.id },
    ]);
    expect(row(db, 'risks', r1)).toEqual({ lead: '城关区第1中学', leadId: school.id, co: '["市 人社局","新名办"]' });
    expect(row(db, 'risks', r2)).toEqual({ lead: '城关区第1中学', leadId: school.id, co: '["市 人社局"]' });
    expect(row(db, 'risks', r3)).toEqual({ lead: '市 人社局', leadId: people.id, co: '[]' });
    expect(row(db, 'risks', r4)).toEqual({ lead: '新名办', leadId: old, co: '["新名办"]' });
    expect(row(db, 'actions', 1)).toEqual({ lead: '市 人社局', leadId: people.id, co: '["城关区第1中学"]' });
    expect(db.prepare('SELECT unit_id FROM risk_co_units WHERE risk_id = ? ORDER BY unit_id').pluck().all(r1)).toEqual([people.id, old]);
    expect(db.prepare('SELECT unit_id FROM action_co_units').pluck().all()).toEqual([school.id]);
    // Every name a row held still names the unit the row points at.
    const current = new Map(u.map((x) => [x.name, x.mergedInto ?? x.id]));
    for (const { t } of texts) expect([school.id, people.id, old]).toContain(nameOf(db, t));
    for (const t of ['城关区第１中学', '市  人社局', '旧名办']) expect(nameOf(db, t)).toBe(t === '旧名办' ? old : current.get(t === '城关区第１中学' ? '城关区第1中学' : '市 人社局'));
    // Search finds the rows by the current names (the text index followed the rewrite).
    expect(db.prepare("SELECT rowid FROM risks_fts WHERE risks_fts MATCH '\"新名办\"' ORDER BY rowid").pluck().all()).toEqual([r1, r4]);
    expect(db.prepare("SELECT rowid FROM risks_fts WHERE risks_fts MATCH '\"旧名办\"'").pluck().all()).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

});

describe('writers after 0012', () => {
  it('form, update, 交办 and import write a former name or another spelling as the unit is called now', async () => {
    const { dispatch, db } = tempCore();
    const u = await ok<UnitRow>(dispatch, 'units.create', { name: '城关区征收办' });
    await ok(dispatch, 'units.update', { id: u.id, name: '城关区房屋征收中心' });
    const other = await ok<UnitRow>(dispatch, 'units.create', { name: '市第1中学' });
    const risk = await ok<RiskRow>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '甲', leadUnit: ' 城关区征收办', coUnits: ['市第１中学', '城关区房屋征收中心', '城关区征收办'] });
    expect(risk).toMatchObject({ leadUnit: '城关区房屋征收中心', coUnits: ['市第1中学', '城关区房屋征收中心'] });
    expect(row(db, 'risks', risk.id)).toEqual({ lead: '城关区房屋征收中心', leadId: u.id, co: '["市第1中学","城关区房屋征收中心"]' });
    // The former name of the unit it already has is no change: nothing written, no version bump.
    const same = await ok<RiskRow>(dispatch, 'risks.update', { id: risk.id, version: risk.version, patch: { leadUnit: '城关区征收办' } });
    expect(same.version).toBe(risk.version);
    const moved = await ok<RiskRow>(dispatch, 'risks.update', { id: risk.id, version: risk.version, patch: { leadUnit: '市第１中学' } });
    expect(row(db, 'risks', moved.id)).toMatchObject({ lead: '市第1中学', leadId: other.id });
    const a = await ok<{ id: number; leadUnit: string; coUnits: string[] }>(dispatch, 'actions.create', { riskIds: [risk.id], content: '约谈', leadUnit: '城关区征收办', coUnits: ['市第１中学'], dueAt: '2026-12-10' });
    expect(a).toMatchObject({ leadUnit: '城关区房屋征收中心', coUnits: ['市第1中学'] });
    expect(row(db, 'actions', a.id)).toEqual({ lead: '城关区房屋征收中心', leadId: u.id, co: '["市第1中学"]' });
    // The import: the preview names what it maps, the rows show the current names, a row already on the unit is unchanged.
    const csv = ['编号,所属县区,领域,事项名称,主办单位,协办单位', `${risk.code},城关区,问题楼盘,甲,市第1中学,市第１中学`, 'JC-2026-902,城关区,问题楼盘,乙事项,城关区征收办,新的配合单位'].join('\n');
    const input = { fileName: '台账.csv', dataBase64: Buffer.from(csv).toString('base64') };
    const preview = await ok<{ rows: Array<{ action: string }>; units: { fresh: string[]; renamed: Array<{ name: string; unitName: string }> } }>(dispatch, 'imports.preview', input);
    expect(preview.units).toEqual({ fresh: ['新的配合单位'], renamed: [{ name: '城关区征收办', unitName: '城关区房屋征收中心' }] });
    await ok(dispatch, 'imports.commit', input);
    const imported = db.prepare("SELECT lead_unit AS lead, lead_unit_id AS leadId, co_units AS co FROM risks WHERE code = 'JC-2026-902'").get();
    expect(imported).toEqual({ lead: '城关区房屋征收中心', leadId: u.id, co: '["新的配合单位"]' });
  });
});
