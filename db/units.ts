// Query module for the 责任单位 list. Risks and actions carry the unit's name for display and its id
// (kept by the triggers of migration 0006); a rename or merge rewrites the names on the rows so
// per-unit figures stay whole, and keeps every former name in unit_names.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { cachedStatement } from './statements.js';
import { AppError } from '../shared/errors.js';
import { unitName, type UnitResolution, type UnitRow } from '../shared/units.js';

type DbRow = Record<string, unknown>;

const SELECT = `SELECT u.id, u.name, u.short_name, u.contact,
  (SELECT json_group_array(n.name) FROM (SELECT name FROM unit_names WHERE unit_id = u.id AND name <> u.name ORDER BY since, name) n) AS former,
  (SELECT COUNT(*) FROM risks r WHERE r.lead_unit_id = u.id AND r.deleted_at IS NULL) AS risk_count,
  (SELECT COUNT(*) FROM actions a WHERE a.lead_unit_id = u.id) AS action_count
  FROM units u WHERE u.merged_into IS NULL`;

function toUnit(r: DbRow): UnitRow {
  return {
    id: r.id as number, name: r.name as string, shortName: r.short_name as string, contact: r.contact as string,
    formerNames: JSON.parse(r.former as string) as string[], riskCount: r.risk_count as number, actionCount: r.action_count as number,
  };
}

export function getUnit(db: Db, id: number): UnitRow {
  const r = db.prepare(`${SELECT} AND u.id = ?`).get(id) as DbRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的责任单位，可能已被合并。请刷新列表。`);
  return toUnit(r);
}

/** The list, most used first; `q` matches the name, short name or a former name. */
export function listUnits(db: Db, input: { q?: string; limit: number }): UnitRow[] {
  const q = input.q ? `%${input.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  const where = q ? ` AND (u.name LIKE @q ESCAPE '\\' OR u.short_name LIKE @q ESCAPE '\\' OR EXISTS (SELECT 1 FROM unit_names n WHERE n.unit_id = u.id AND n.name LIKE @q ESCAPE '\\'))` : '';
  return (db.prepare(`${SELECT}${where} ORDER BY action_count + risk_count DESC, u.name LIMIT @limit`).all({ q, limit: input.limit }) as DbRow[]).map(toUnit);
}

function unitByName(db: Db, name: string): number | null {
  return (db.prepare('SELECT unit_id FROM unit_names WHERE name = ?').pluck().get(name) as number | undefined) ?? null;
}

export function createUnit(db: Db, ctx: WriteContext, input: { name: string; shortName?: string; contact?: string }): UnitRow {
  const existing = unitByName(db, input.name);
  if (existing) throw new AppError('CONFLICT', `“${input.name}”已在责任单位名单中（${getUnit(db, existing).name}），无需重复添加。`, { existingId: existing });
  const now = ctx.now();
  const info = db.prepare('INSERT INTO units (name, short_name, contact, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(input.name, input.shortName ?? '', input.contact ?? '', now, now);
  const u = getUnit(db, Number(info.lastInsertRowid));
  writeAudit(db, ctx, 'create', 'unit', u.id, null, u);
  return u;
}

/** Rewrites a unit's name on every risk and action that references it (the triggers keep the ids). */
function renameOnRows(db: Db, unitId: number, to: string): void {
  db.prepare('UPDATE risks SET lead_unit = ? WHERE lead_unit_id = ? AND lead_unit <> ?').run(to, unitId, to);
  db.prepare('UPDATE actions SET lead_unit = ? WHERE lead_unit_id = ? AND lead_unit <> ?').run(to, unitId, to);
  const fix = (table: 'risks' | 'actions', link: string, key: string) =>
    db.prepare(`UPDATE ${table} SET co_units = (SELECT json_group_array(CASE WHEN n.unit_id = @unit THEN @to ELSE j.value END) FROM json_each(${table}.co_units) j LEFT JOIN unit_names n ON n.name = trim(j.value))
      WHERE id IN (SELECT ${key} FROM ${link} WHERE unit_id = @unit)`).run({ unit: unitId, to });
  fix('risks', 'risk_co_units', 'risk_id');
  fix('actions', 'action_co_units', 'action_id');
}

export function updateUnit(db: Db, ctx: WriteContext, input: { id: number; name?: string; shortName?: string; contact?: string }): UnitRow {
  const before = getUnit(db, input.id);
  const now = ctx.now();
  if (input.name !== undefined && input.name !== before.name) {
    const other = unitByName(db, input.name);
    if (other && other !== input.id) throw new AppError('CONFLICT', `已有名为“${input.name}”的单位（或曾用此名）。如是同一单位，请用“合并”。`, { existingId: other });
    db.prepare('UPDATE units SET name = ?, updated_at = ? WHERE id = ?').run(input.name, now, input.id);
    db.prepare('INSERT OR IGNORE INTO unit_names (name, unit_id, since) VALUES (?, ?, ?)').run(input.name, input.id, now);
    renameOnRows(db, input.id, input.name);
  }
  if (input.shortName !== undefined || input.contact !== undefined) {
    db.prepare('UPDATE units SET short_name = COALESCE(?, short_name), contact = COALESCE(?, contact), updated_at = ? WHERE id = ?').run(input.shortName ?? null, input.contact ?? null, now, input.id);
  }
  const after = getUnit(db, input.id);
  writeAudit(db, ctx, 'update', 'unit', input.id, before, after);
  return after;
}

/** Merges `fromId` into `intoId`: its names, risks and actions go to the other unit; it stays as merged. */
export function mergeUnits(db: Db, ctx: WriteContext, input: { fromId: number; intoId: number }): UnitRow {
  const from = getUnit(db, input.fromId);
  const into = getUnit(db, input.intoId);
  db.prepare('UPDATE unit_names SET unit_id = ? WHERE unit_id = ?').run(into.id, from.id);
  db.prepare('UPDATE units SET merged_into = ?, updated_at = ? WHERE id = ?').run(into.id, ctx.now(), from.id);
  // The rows still point at the old id: rewrite their names through the old id, then the triggers move them.
  db.prepare('UPDATE risks SET lead_unit_id = ? WHERE lead_unit_id = ?').run(into.id, from.id);
  db.prepare('UPDATE actions SET lead_unit_id = ? WHERE lead_unit_id = ?').run(into.id, from.id);
  db.prepare('INSERT OR IGNORE INTO risk_co_units SELECT risk_id, ? FROM risk_co_units WHERE unit_id = ?').run(into.id, from.id);
  db.prepare('DELETE FROM risk_co_units WHERE unit_id = ?').run(from.id);
  db.prepare('INSERT OR IGNORE INTO action_co_units SELECT action_id, ? FROM action_co_units WHERE unit_id = ?').run(into.id, from.id);
  db.prepare('DELETE FROM action_co_units WHERE unit_id = ?').run(from.id);
  renameOnRows(db, into.id, into.name);
  const after = getUnit(db, into.id);
  writeAudit(db, ctx, 'merge', 'unit', into.id, { merged: from }, after);
  return after;
}

/** Which of the names are on the list (by current or former name) and which would be new. */
export function resolveUnitNames(db: Db, names: string[]): UnitResolution {
  const known: UnitResolution['known'] = [];
  const fresh = new Set<string>();
  const find = db.prepare('SELECT n.unit_id AS unitId, u.name AS unitName FROM unit_names n JOIN units u ON u.id = n.unit_id WHERE n.name = ?');
  for (const raw of new Set(names.map(unitName).filter(Boolean))) {
    const hit = find.get(raw) as { unitId: number; unitName: string } | undefined;
    if (hit) known.push({ name: raw, ...hit });
    else fresh.add(raw);
  }
  return { known, fresh: [...fresh] };
}

/**
 * Unit names as the list calls them now (migration 0012 did the same to the rows already written):
 * each name in the standard spelling, a former name or another spelling replaced by its unit's
 * current name, a unit named twice among the co-units kept once. A name not on the list stays (the
 * triggers of 0006 add it). Every writer of risks and actions goes through this, so a row always
 * shows the name of the unit its id points at.
 * `memo` (name → current name) lets a caller writing many rows in one transaction (the import's
 * plan, where nothing changes the list) look each name up once.
 */
export function currentUnitNames<T extends { leadUnit?: unknown; coUnits?: unknown }>(db: Db, fields: T, memo?: Map<string, string>): T {
  if (typeof fields.leadUnit !== 'string' && !Array.isArray(fields.coUnits)) return fields;
  const find = cachedStatement(db, 'SELECT u.name FROM unit_names n JOIN units u ON u.id = n.unit_id WHERE n.name = ?');
  const lookup = (s: string) => {
    const n = unitName(s);
    return n ? ((find.get(n) as { name: string } | undefined)?.name ?? n) : n;
  };
  const current = (s: string) => {
    if (!memo) return lookup(s);
    let hit = memo.get(s);
    if (hit === undefined) memo.set(s, (hit = lookup(s)));
    return hit;
  };
  const out = { ...fields };
  if (typeof fields.leadUnit === 'string') out.leadUnit = current(fields.leadUnit);
  if (Array.isArray(fields.coUnits)) out.coUnits = [...new Set((fields.coUnits as string[]).map(current))];
  return out;
}

const NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

/**
 * What 0006's per-row trigger risks_units_insert does, done once for a bulk insert of risks (db/bulk.ts
 * lifts the trigger): `cells` holds each new row's stored lead_unit and co_units (JSON), in insert order.
 * Adds the names not on the list, in the order the trigger adds them — row by row, a row's new names in
 * SQLite's sorted order (its UNION) — so each gets the id it would have got. Call before the inserts;
 * they take lead_unit_id from LEAD_UNIT_ID_SQL, and linkCoUnits(from, to) writes the co-unit links after.
 */
export function addUnitsNamedOn(db: Db, cells: Array<[leadUnit: unknown, coUnits: unknown]>): void {
  db.prepare(
    `INSERT INTO units (name, created_at, updated_at)
     SELECT n, ${NOW_SQL}, ${NOW_SQL} FROM (
       SELECT r.key AS k, trim(json_extract(r.value, '$[0]')) AS n FROM json_each(@cells) r
       UNION ALL SELECT r.key, trim(j.value) FROM json_each(@cells) r, json_each(json_extract(r.value, '$[1]')) j)
     WHERE n <> '' AND NOT EXISTS (SELECT 1 FROM unit_names u WHERE u.name = n)
     GROUP BY n ORDER BY MIN(k), n`,
  ).run({ cells: JSON.stringify(cells) });
}

/** A new risk's lead_unit_id in its INSERT (bind its lead_unit): the trigger's own lookup. */
export const LEAD_UNIT_ID_SQL = '(SELECT unit_id FROM unit_names WHERE name = trim(?))';

/** The trigger's co-unit links (risk_co_units) of the risks from..to, in one statement. */
export function linkCoUnits(db: Db, from: number, to: number): void {
  db.prepare('DELETE FROM risk_co_units WHERE risk_id BETWEEN ? AND ?').run(from, to);
  db.prepare(
    `INSERT OR IGNORE INTO risk_co_units (risk_id, unit_id)
     SELECT r.id, u.unit_id FROM risks r, json_each(r.co_units) j JOIN unit_names u ON u.name = trim(j.value) WHERE r.id BETWEEN ? AND ?`,
  ).run(from, to);
}
