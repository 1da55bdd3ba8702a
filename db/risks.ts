// Query module for the risk register. Pure functions (db, args) => result; no validation here
// (the dispatcher did it), but every rule that protects data (versions, existence) lives here.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { getSetting } from './settings.js';
import { AppError } from '../shared/errors.js';
import { shanghaiDate, weekStart, yearOf } from '../shared/dates.js';
import type { RiskFields, RiskRow } from '../shared/risks.js';
import { DEFAULT_CITY_PREFIX, RISK_FIELD_LABELS } from '../shared/labels.js';
import { recordRegistrationGrade } from './assessments.js';
import { findRiskByCode, getRisk } from './risk-row.js';
import { syncRiskWeeks } from './weeks.js';
import { currentUnitNames } from './units.js';

/** Writable field → column. The one place the camelCase contract meets the snake_case schema. */
export const RISK_COLUMNS = {
  code: 'code',
  regionId: 'region_id',
  domainId: 'domain_id',
  subCategory: 'sub_category',
  title: 'title',
  summary: 'summary',
  source: 'source',
  firstFound: 'first_found',
  involvedCount: 'involved_count',
  involvedUnit: 'involved_unit',
  involvedText: 'involved_text',
  amountWan: 'amount_wan',
  mainDemands: 'main_demands',
  opinionRisk: 'opinion_risk',
  extremeRisk: 'extreme_risk',
  likelihood: 'likelihood',
  impact: 'impact',
  level: 'level',
  levelBasis: 'level_basis',
  trend: 'trend',
  controlMeasures: 'control_measures',
  resolutionMeasures: 'resolution_measures',
  leadUnit: 'lead_unit',
  coUnits: 'co_units',
  responsiblePerson: 'responsible_person',
  packageLeader: 'package_leader',
  packageLeaderTitle: 'package_leader_title',
  taskForce: 'task_force',
  deadline: 'deadline',
  deadlineNote: 'deadline_note',
  progress: 'progress',
  status: 'status',
} as const satisfies Record<keyof RiskFields, string>;

export type RiskField = keyof typeof RISK_COLUMNS;
export const RISK_FIELDS = Object.keys(RISK_COLUMNS) as RiskField[];

// Reading one risk lives in ./risk-row.ts; re-exported for existing callers.
export { RISK_FROM, RISK_SELECT, RISK_JSON_SQL, rowToRisk, getRisk, findRiskByCode } from './risk-row.js';

/** Field value → SQLite value (booleans as 0/1, lists as JSON, undefined as the column default). */
export function toDbValue(field: RiskField, v: unknown): unknown {
  if (field === 'extremeRisk') return v ? 1 : 0;
  if (field === 'coUnits') return JSON.stringify(v ?? []);
  return v;
}

export const RISK_DEFAULTS: Partial<Record<RiskField, unknown>> = {
  subCategory: '', summary: '', involvedUnit: '人', involvedText: '', mainDemands: '', opinionRisk: '无',
  extremeRisk: false, levelBasis: '', controlMeasures: '', resolutionMeasures: '', leadUnit: '', coUnits: [],
  responsiblePerson: '', packageLeader: '', packageLeaderTitle: '', taskForce: '', deadlineNote: '', progress: '', status: '待研判',
};

function assertListMember(db: Db, table: 'regions' | 'domains', id: number | undefined): void {
  if (id === undefined) return;
  const hit = db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id);
  if (!hit) throw new AppError('INVALID_INPUT', `「${table === 'regions' ? '所属县区' : '领域'}」不存在（编号 ${id}），请从列表中选择。`);
}

/** Next code for the prefix and year: JC-2026-001, JC-2026-002 … (numeric max, so 1000 follows 999). */
export function nextRiskCode(db: Db, prefix: string, year: number): string {
  const head = `${prefix}-${year}-`;
  const r = db.prepare('SELECT MAX(CAST(substr(code, ?) AS INTEGER)) AS n FROM risks WHERE code LIKE ?').get(head.length + 1, head + '%') as { n: number | null };
  return head + String((r.n ?? 0) + 1).padStart(3, '0');
}

export function createRisk(db: Db, ctx: WriteContext, input: RiskFields & { asOf?: string }): RiskRow {
  input = currentUnitNames(db, input);
  assertListMember(db, 'regions', input.regionId);
  assertListMember(db, 'domains', input.domainId);
  const prefix = getSetting(db, 'cityPrefix') ?? DEFAULT_CITY_PREFIX;
  const today = shanghaiDate(input.asOf ?? ctx.now());
  // A register entry is never dated ahead: the weekly snapshot would be filled up to that week
  // (for every risk: 2040 wrote 20,000 rows into a 30-risk register; 9999 never finished).
  const clockToday = shanghaiDate(ctx.now());
  if (today > clockToday) throw new AppError('INVALID_INPUT', `「登记日期」${today} 晚于今天（${clockToday}），请填写今天或之前的日期。`);
  const code = input.code ?? nextRiskCode(db, prefix, yearOf(today));
  if (findRiskByCode(db, code)) throw new AppError('CONFLICT', `编号 ${code} 已被另一条风险事项使用，请换一个编号或留空由系统生成。`);
  const values: Record<string, unknown> = {};
  for (const f of RISK_FIELDS) {
    const v = f === 'code' ? code : (input[f] ?? RISK_DEFAULTS[f] ?? null);
    values[RISK_COLUMNS[f]] = toDbValue(f, v);
  }
  const now = ctx.now();
  const cols = Object.keys(values);
  const info = db
    .prepare(`INSERT INTO risks (${cols.join(', ')}, created_at, updated_at) VALUES (${cols.map((c) => '@' + c).join(', ')}, @now, @now)`)
    .run({ ...values, now });
  let created = getRisk(db, Number(info.lastInsertRowid));
  writeAudit(db, ctx, 'create', 'risk', created.id, null, created);
  // A level entered with the risk is its first assessment (登记定级); the cache is then rewritten from it.
  if (input.level || (input.likelihood && input.impact)) created = recordRegistrationGrade(db, ctx, created, input.level ?? null, input.firstFound && input.firstFound <= today ? input.firstFound : today);
  syncRiskWeeks(db, created.id, weekStart(today), weekStart(today));
  return created;
}

function assertVersion(row: RiskRow, version: number): void {
  if (row.version !== version) {
    throw new AppError('CONFLICT', `「${row.title}」已被修改过（当前版本 ${row.version}，您编辑的是版本 ${version}）。为避免覆盖他人的修改，本次未保存。请刷新后重新修改。`, { current: row.version });
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Applies a patch. A patch that changes nothing writes nothing: no version bump, no audit row. */
export function updateRisk(db: Db, ctx: WriteContext, id: number, version: number, patch: Partial<RiskFields>): RiskRow {
  patch = currentUnitNames(db, patch);
  const before = getRisk(db, id);
  if (before.deletedAt) throw new AppError('CONFLICT', `「${before.title}」已删除，不能修改。如需修改，请先恢复。`);
  assertVersion(before, version);
  assertListMember(db, 'regions', patch.regionId);
  assertListMember(db, 'domains', patch.domainId);
  const changed = (Object.keys(patch) as RiskField[]).filter((f) => patch[f] !== undefined && !sameValue(patch[f], before[f]));
  if (changed.length === 0) return before;
  const cached = changed.filter((f) => (ASSESSMENT_CACHE as readonly string[]).includes(f));
  if (cached.length) {
    throw new AppError('INVALID_INPUT', `「${cached.map((f) => RISK_FIELD_LABELS[f]).join('、')}」由研判记录决定，不能在台账中直接修改。请在事项的“研判记录”中新增一次研判（可填写调级理由）。本次未保存。`);
  }
  if (patch.code && patch.code !== before.code && findRiskByCode(db, patch.code)) {
    throw new AppError('CONFLICT', `编号 ${patch.code} 已被另一条风险事项使用。`);
  }
  const sets = changed.map((f) => `${RISK_COLUMNS[f]} = @${f}`);
  const params: Record<string, unknown> = { id, version, now: ctx.now() };
  for (const f of changed) params[f] = toDbValue(f, patch[f]);
  db.prepare(`UPDATE risks SET ${sets.join(', ')}, updated_at = @now, version = version + 1 WHERE id = @id AND version = @version`).run(params);
  const after = getRisk(db, id);
  writeAudit(db, ctx, 'update', 'risk', id, pick(before, changed), pick(after, changed));
  syncCurrentWeek(db, ctx, id);
  return after;
}

/** Fields that only assessments write (the risk keeps them as a cache of its latest assessment). */
export const ASSESSMENT_CACHE = ['level', 'levelBasis', 'likelihood', 'impact', 'trend'] as const;

/** Status, domain, region or deletion changed: this week's snapshot row follows. */
function syncCurrentWeek(db: Db, ctx: WriteContext, id: number): void {
  const w = weekStart(shanghaiDate(ctx.now()));
  syncRiskWeeks(db, id, w, w);
}

function pick(row: RiskRow, fields: RiskField[]): Partial<RiskRow> {
  const out: Partial<RiskRow> = {};
  for (const f of fields) (out as Record<string, unknown>)[f] = row[f];
  return out;
}

export function deleteRisk(db: Db, ctx: WriteContext, id: number, version: number, reason: string): RiskRow {
  const before = getRisk(db, id);
  if (before.deletedAt) throw new AppError('CONFLICT', `「${before.title}」已经删除过了。`);
  assertVersion(before, version);
  db.prepare('UPDATE risks SET deleted_at = ?, deleted_reason = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(ctx.now(), reason, ctx.now(), id);
  const after = getRisk(db, id);
  writeAudit(db, ctx, 'delete', 'risk', id, { deletedAt: null }, { deletedAt: after.deletedAt, deletedReason: reason });
  syncCurrentWeek(db, ctx, id);
  return after;
}

export function restoreRisk(db: Db, ctx: WriteContext, id: number, version: number): RiskRow {
  const before = getRisk(db, id);
  if (!before.deletedAt) throw new AppError('CONFLICT', `「${before.title}」没有被删除，无需恢复。`);
  assertVersion(before, version);
  db.prepare('UPDATE risks SET deleted_at = NULL, deleted_reason = NULL, updated_at = ?, version = version + 1 WHERE id = ?').run(ctx.now(), id);
  const after = getRisk(db, id);
  writeAudit(db, ctx, 'restore', 'risk', id, { deletedAt: before.deletedAt, deletedReason: before.deletedReason }, { deletedAt: null });
  syncCurrentWeek(db, ctx, id);
  return after;
}

// The list (filters, sorts, paging, search) lives in ./risk-list.ts; re-exported for existing callers.
export { listRisks, searchClause } from './risk-list.js';

export function countRisks(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM risks WHERE deleted_at IS NULL').get() as { n: number }).n;
}
