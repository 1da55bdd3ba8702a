// A bulk insert of risks (imports, the demo) lifts migration 0006's per-row units trigger and does its
// work set-wise (db/bulk.ts, db/units.ts). It must leave exactly what the trigger leaves: the same new
// units with the same ids, the same lead_unit_id on every row, the same co-unit links.
import { describe, expect, it } from 'vitest';
import { insertRisksBulk } from '../../db/bulk.js';
import type { Db } from '../../db/open.js';
import { riskFields, type RiskFields } from '../../shared/risks.js';
import { tempDatabase, testContext } from './helpers.js';

class Rollback extends Error {}

/** Runs fn in a transaction, reads what it left, and rolls it back, so both paths start from the same register. */
function leftBy(db: Db, fn: () => void) {
  let out: ReturnType<typeof snapshot> | undefined;
  try {
    db.transaction(() => {
      fn();
      out = snapshot(db);
      throw new Rollback();
    })();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return out!;
}

function snapshot(db: Db) {
  return {
    units: db.prepare('SELECT id, name, merged_into FROM units ORDER BY id').all(),
    names: db.prepare('SELECT name, unit_id FROM unit_names ORDER BY name').all(),
    leads: db.prepare('SELECT code, lead_unit, lead_unit_id FROM risks ORDER BY id').all(),
    links: db.prepare('SELECT r.code, c.unit_id FROM risk_co_units c JOIN risks r ON r.id = c.risk_id ORDER BY r.code, c.unit_id').all(),
  };
}

describe('bulk insert of risks: units as the per-row trigger gives them', () => {
  const setup = () => {
    const { db } = tempDatabase();
    const region = (db.prepare('SELECT id FROM regions ORDER BY id LIMIT 1').get() as { id: number }).id;
    const domain = (db.prepare('SELECT id FROM domains ORDER BY id LIMIT 1').get() as { id: number }).id;
    const now = '2026-11-25T02:00:00.000Z';
    // A unit already on the list, known also by a former name.
    db.prepare("INSERT INTO units (name, created_at, updated_at) VALUES ('区信访局', ?, ?)").run(now, now);
    db.prepare("INSERT INTO unit_names (name, unit_id, since) SELECT '信访办', id, ? FROM units WHERE name = '区信访局'").run(now);
    const row = (code: string, leadUnit: string, coUnits: string[]) =>
      // coUnits as given (untrimmed): the trigger trims them itself.
      ({ ...riskFields.parse({ regionId: region, domainId: domain, title: `事项${code}`, leadUnit }), coUnits, code }) as RiskFields & { code: string };
    // 乙 (U+4E59) sorts before 甲 (U+7532), and 丙 (U+4E19) before both.
    const rows = [
      row('T-1', '区甲局', ['区乙局', '区信访局']),
      row('T-2', '区丙局', []),
      row('T-3', '', ['区甲局', ' 区丙局 ', '信访办']),
      row('T-4', '信访办', ['区丁局', '区丁局']),
    ];
    return { db, rows, now };
  };

  it('adds the new names in the trigger order (row by row, a row’s names sorted) and links every row', () => {
    const { db, rows, now } = setup();
    const base = (db.prepare('SELECT MAX(id) AS m FROM units').get() as { m: number }).m;
    const bulk = leftBy(db, () => insertRisksBulk(db, testContext(), rows, { asOf: '2026-11-25', snapshot: false }));
    // Worked out by hand from the trigger's definition (migration 0006).
    expect(bulk.units.slice(-4)).toEqual([
      { id: base + 1, name: '区乙局', merged_into: null },
      { id: base + 2, name: '区甲局', merged_into: null },
      { id: base + 3, name: '区丙局', merged_into: null },
      { id: base + 4, name: '区丁局', merged_into: null },
    ]);
    const office = base; // 区信访局
    expect(bulk.leads.map((r) => (r as { lead_unit_id: number | null }).lead_unit_id)).toEqual([base + 2, base + 3, null, office]);
    expect(bulk.links).toEqual([
      { code: 'T-1', unit_id: office },
      { code: 'T-1', unit_id: base + 1 },
      { code: 'T-3', unit_id: office },
      { code: 'T-3', unit_id: base + 2 },
      { code: 'T-3', unit_id: base + 3 },
      { code: 'T-4', unit_id: base + 4 },
    ]);

    // The same rows through a plain INSERT each, the trigger doing its work row by row: the same result.
    const cols = ['code', 'region_id', 'domain_id', 'title', 'lead_unit', 'co_units', 'created_at', 'updated_at'];
    const ins = db.prepare(`INSERT INTO risks (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    const perRow = leftBy(db, () => {
      for (const r of rows) ins.run(r.code, r.regionId, r.domainId, r.title, r.leadUnit, JSON.stringify(r.coUnits), now, now);
    });
    expect(bulk).toEqual(perRow);
  });

  it('puts the trigger back: a risk written afterwards is linked by it', () => {
    const { db, rows, now } = setup();
    db.transaction(() => insertRisksBulk(db, testContext(), rows, { asOf: '2026-11-25', snapshot: false }))();
    const r = rows[0];
    db.prepare('INSERT INTO risks (code, region_id, domain_id, title, lead_unit, co_units, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      'T-5', r.regionId, r.domainId, '之后的事项', '区戊局', JSON.stringify(['区乙局']), now, now,
    );
    const got = db.prepare("SELECT u.name AS lead, (SELECT json_group_array(v.name) FROM risk_co_units c JOIN units v ON v.id = c.unit_id WHERE c.risk_id = r.id) AS co FROM risks r JOIN units u ON u.id = r.lead_unit_id WHERE r.code = 'T-5'").get();
    expect(got).toEqual({ lead: '区戊局', co: '["区乙局"]' });
  });
});
