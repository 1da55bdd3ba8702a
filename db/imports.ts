// Import planning and commit: sheet rows (already normalised) matched against the register by
// 编号 (or, without one, by 事项名称 + 县区), then written through the same rules as hand edits.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { createRisksBulk } from './bulk.js';
import { importPauseHook } from './testPause.js';
import { writeAudit } from './audit.js';
import { getSetting } from './settings.js';
import { ASSESSMENT_CACHE, getRisk, nextRiskCode, RISK_SELECT, rowToRisk, updateRisk } from './risks.js';
import { recordRegistrationGrade } from './assessments.js';
import { currentUnitNames } from './units.js';
import { AppError } from '../shared/errors.js';
import { shanghaiDate, yearOf } from '../shared/dates.js';
import { DEFAULT_CITY_PREFIX, RISK_FIELD_LABELS } from '../shared/labels.js';
import type { RiskFields, RiskRow } from '../shared/risks.js';
import { describeIssue, type RowResult } from '../shared/imports/rows.js';
import { changedFields, countActions, type ImportRowReport } from '../shared/imports/report.js';

export interface PlannedRow extends ImportRowReport {
  /** For create: the complete fields; for update: only the changed ones. */
  patch: Partial<RiskFields>;
  version: number;
}

export function planImport(db: Db, results: RowResult[]): PlannedRow[] {
  // The stored risks of the sheet's codes, read in one statement: a lookup per row was ~0.15 s of 10,000.
  const codes = results.flatMap((r) => (r.kind === 'row' && !r.errors.length && r.fields.code ? [r.fields.code] : []));
  const stored = new Map<string, Record<string, unknown>>();
  for (const r of db.prepare(`${RISK_SELECT} WHERE r.code IN (SELECT value FROM json_each(?))`).all(JSON.stringify(codes)) as Array<Record<string, unknown>>) stored.set(r.code as string, r);
  const findRiskByCode = (code: string) => {
    const r = stored.get(code);
    return r ? rowToRisk(r) : undefined;
  };
  // A sheet names the same few units on many rows: each name is looked up once.
  const unitNames = new Map<string, string>();
  const byCodeInSheet = new Map<string, number>();
  let byTitle: Map<string, RiskRow | null> | null = null;
  const titleKey = (title: string, regionId: number) => `${regionId}\u0000${title}`;
  const loadTitles = () => {
    const m = new Map<string, RiskRow | null>();
    for (const r of db.prepare('SELECT id, title, region_id FROM risks WHERE deleted_at IS NULL').all() as Array<{ id: number; title: string; region_id: number }>) {
      const k = titleKey(r.title, r.region_id);
      // Two stored risks with the same name in one county: ambiguous, never guessed.
      m.set(k, m.has(k) ? null : ({ id: r.id } as RiskRow));
    }
    return m;
  };

  return results.map((res): PlannedRow => {
    const base = { row: res.row, code: '', title: '', riskId: null, changed: [], reasons: [], issues: [], warnings: [], patch: {}, version: 0 };
    if (res.kind === 'skip') return { ...base, action: 'skip', reasons: [res.reason] };
    // Units as the list calls them now: a former name in the sheet is no change to a row already on that unit.
    const f = currentUnitNames(db, res.fields, unitNames);
    const row: PlannedRow = { ...base, action: 'reject', code: f.code ?? '', title: f.title ?? '', issues: res.errors, warnings: res.warnings };
    if (res.errors.length) return { ...row, reasons: res.errors.map(describeIssue) };
    let existing: RiskRow | undefined;
    if (f.code) {
      const first = byCodeInSheet.get(f.code);
      if (first !== undefined) return { ...row, reasons: [`第${res.row}行：编号 ${f.code} 与第${first}行重复，同一编号只能出现一次`] };
      byCodeInSheet.set(f.code, res.row);
      existing = findRiskByCode(f.code);
      if (existing?.deletedAt) return { ...row, reasons: [`第${res.row}行：编号 ${f.code} 对应的事项已删除，请先在台账的「已删除」中恢复它，再导入`] };
    } else {
      byTitle ??= loadTitles();
      const hit = byTitle.get(titleKey(f.title!, f.regionId!));
      if (hit === null) return { ...row, reasons: [`第${res.row}行：没有编号，且台账中有多条同名同县区的事项「${f.title}」，无法判断对应哪一条，请填写编号`] };
      if (hit) existing = getRisk(db, hit.id);
    }
    if (!existing) return { ...row, action: 'create', code: f.code ?? '', patch: f };
    const changed = changedFields(existing, f);
    const patch: Partial<RiskFields> = {};
    for (const k of changed) (patch as Record<string, unknown>)[k] = f[k];
    return {
      ...row,
      action: changed.length ? 'update' : 'unchanged',
      code: existing.code,
      riskId: existing.id,
      version: existing.version,
      changed: changed.map((k) => RISK_FIELD_LABELS[k] ?? k),
      patch,
    };
  });
}

/**
 * Writes a plan. Call inside one transaction (the dispatcher's): any failure rolls back every row.
 * New risks go through the bulk create (audit row each, search index rebuilt once); changed
 * ones through updateRisk (version bump, audit of the changed fields). Unchanged rows write nothing.
 */
export function commitImport(db: Db, ctx: WriteContext, plan: PlannedRow[], source: { fileName: string; sheet: string }): PlannedRow[] {
  const creates = plan.filter((p) => p.action === 'create');
  const withCode = creates.filter((p) => p.patch.code);
  const withoutCode = creates.filter((p) => !p.patch.code);
  const pause = importPauseHook();
  // The patches themselves (they hold their code): a copy of each 30-field row cost more than grading it.
  const ids = createRisksBulk(db, ctx, withCode.map((p) => p.patch as RiskFields & { code: string }), pause);
  withCode.forEach((p, i) => (p.riskId = ids[i]));
  if (withoutCode.length) {
    // Codes continue the city's sequence after the coded rows are in, so they cannot collide.
    const prefix = getSetting(db, 'cityPrefix') ?? DEFAULT_CITY_PREFIX;
    const year = yearOf(shanghaiDate(ctx.now()));
    const first = nextRiskCode(db, prefix, year);
    const start = Number(first.slice(first.lastIndexOf('-') + 1));
    const rows = withoutCode.map((p, i) => ({ ...(p.patch as RiskFields), code: `${prefix}-${year}-${String(start + i).padStart(3, '0')}` }));
    const more = createRisksBulk(db, ctx, rows, pause);
    withoutCode.forEach((p, i) => {
      p.riskId = more[i];
      p.code = rows[i].code;
    });
  }
  const updates = plan.filter((p) => p.action === 'update');
  for (const p of updates) applyUpdate(db, ctx, p);
  const counts = countActions(plan);
  if (counts.created + counts.updated > 0) {
    writeAudit(db, ctx, 'import', 'register', null, null, { fileName: source.fileName, sheet: source.sheet, created: counts.created, updated: counts.updated, rejected: counts.rejected });
  }
  return plan;
}

/**
 * An update from the sheet: plain fields through updateRisk; a changed level (or likelihood ×
 * impact) is recorded as a 登记定级 assessment, exactly as a level entered with a new risk is —
 * the risk's level is a cache that only assessments write.
 */
function applyUpdate(db: Db, ctx: WriteContext, p: PlannedRow): void {
  const plain: Partial<RiskFields> = {};
  const graded: Partial<RiskFields> = {};
  for (const [k, v] of Object.entries(p.patch)) ((ASSESSMENT_CACHE as readonly string[]).includes(k) ? graded : plain)[k as keyof RiskFields] = v as never;
  const current = getRisk(db, p.riskId!);
  if (current.version !== p.version) {
    throw new AppError('CONFLICT', `第${p.row}行「${current.title}」在预演之后被修改过，本次导入没有写入任何数据。请重新预演后再导入。`);
  }
  const risk = Object.keys(plain).length ? updateRisk(db, ctx, current.id, p.version, plain) : current;
  const level = graded.level !== undefined ? graded.level : risk.level;
  const gradeChanged = (['level', 'likelihood', 'impact'] as const).some((f) => graded[f] !== undefined && graded[f] !== risk[f]);
  if (gradeChanged) {
    const on = shanghaiDate(ctx.now());
    recordRegistrationGrade(db, ctx, { ...risk, ...(graded as Partial<RiskRow>) }, level ?? null, on);
  }
}
