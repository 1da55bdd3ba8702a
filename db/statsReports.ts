// Issued 年度/季度 风险研判工作情况: the figures and the records behind each, frozen when issued
// (stats_reports, migration 0009), so reprinting later gives the same numbers and the same lists
// however the register changed since.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { AppError } from '../shared/errors.js';
import { ACTION_MEASURES, MEASURES, RISK_MEASURES, type DrillFilter, type Measure, type Period } from '../shared/stats.js';
import type { StatsSummary } from '../shared/statsTypes.js';
import { ASSESSMENTS_SQL, MEETINGS_SQL, measureRows, riskMeasureSql } from './statsMeasures.js';
import { actionRows } from './statsActions.js';

interface Snapshot {
  summary: StatsSummary;
  /** Per measure, its records as [id, …keys]: risks [id, domain, region, level, pkg, flag]; meetings [id, type];
   *  assessments [id, domain, region, level, type, flag]; assignments [id, unit, supervision]. */
  records: Record<string, unknown[][]>;
}

function readSnapshot(db: Db, reportId: number): { snap: Snapshot; issuedAt: string; issuedBy: string; period: string } {
  const r = db.prepare('SELECT snapshot, issued_at, issued_by, period FROM stats_reports WHERE id = ?').get(reportId) as { snapshot: string; issued_at: string; issued_by: string; period: string } | undefined;
  if (!r) throw new AppError('NOT_FOUND', `没有编号为 ${reportId} 的已印发统计报告。`);
  return { snap: JSON.parse(r.snapshot) as Snapshot, issuedAt: r.issued_at, issuedBy: r.issued_by, period: r.period };
}

export function issuedReport(db: Db, p: Period): { id: number; issuedAt: string; issuedBy: string } | null {
  return (db.prepare('SELECT id, issued_at AS issuedAt, issued_by AS issuedBy FROM stats_reports WHERE period = ?').get(`${p.from}/${p.to}`) as { id: number; issuedAt: string; issuedBy: string } | undefined) ?? null;
}

/** Freezes the summary (already computed by the caller) and every figure's records. Issuing twice keeps the first. */
export function issueReport(db: Db, ctx: WriteContext, p: Period, summary: StatsSummary): number {
  if (p.kind !== 'year' && p.kind !== 'quarter') throw new AppError('INVALID_INPUT', '只有年度或季度的风险研判工作情况可以印发（冻结数字）。请把期间选为某年或某季度。');
  const existing = issuedReport(db, p);
  if (existing) return existing.id;
  const span = { from: summary.current.from, to: summary.current.to };
  const records: Record<string, unknown[][]> = {};
  for (const m of RISK_MEASURES) records[m] = measureRows(db, riskMeasureSql(m, summary.definitions), span);
  records.meetings = measureRows(db, MEETINGS_SQL, span);
  records.assessments = measureRows(db, ASSESSMENTS_SQL, span);
  records.consent = records.assessments.filter((r) => r[5]);
  for (const m of ACTION_MEASURES) records[m] = actionRows(db, span, m);
  const snap: Snapshot = { summary, records };
  const id = Number(
    db.prepare('INSERT INTO stats_reports (kind, period, snapshot, issued_at, issued_by) VALUES (?, ?, ?, ?, ?)').run(p.kind, `${p.from}/${p.to}`, JSON.stringify(snap), ctx.now(), ctx.actor).lastInsertRowid,
  );
  writeAudit(db, ctx, 'issue', 'stats_report', id, null, { period: `${p.from}/${p.to}`, kind: p.kind });
  return id;
}

export function frozenFigures(db: Db, reportId: number, p: Period, lists: Pick<StatsSummary, 'domains' | 'regions'>): StatsSummary {
  const { snap, issuedAt, issuedBy, period } = readSnapshot(db, reportId);
  if (period !== `${p.from}/${p.to}`) throw new AppError('INVALID_INPUT', `统计报告 ${reportId} 是 ${period.replace('/', ' 至 ')} 的，与所选期间不符。`);
  return { ...snap.summary, domains: snap.summary.domains ?? lists.domains, regions: snap.summary.regions ?? lists.regions, frozen: { reportId, issuedAt, issuedBy } };
}

export function frozenRecordIds(db: Db, reportId: number, m: Measure, f: DrillFilter, offset: number, limit: number): { ids: number[]; total: number } {
  const { snap } = readSnapshot(db, reportId);
  if (!(MEASURES as readonly string[]).includes(m)) throw new AppError('INVALID_INPUT', '没有这个统计项。');
  const rows = (snap.records[m] ?? []).filter((r) => {
    if ((RISK_MEASURES as readonly string[]).includes(m)) {
      const [, d, g, lv, pkg] = r as [number, number, number, number | null, number];
      return (f.domainId === undefined || d === f.domainId) && (f.regionId === undefined || g === f.regionId) && (f.level === undefined || (lv ?? 0) === f.level) && (f.packaged === undefined || Boolean(pkg) === f.packaged);
    }
    if (m === 'meetings') return f.meetingType === undefined || r[1] === f.meetingType;
    if (m === 'assessments' || m === 'consent') return (f.domainId === undefined || r[1] === f.domainId) && (f.level === undefined || (r[3] ?? 0) === f.level);
    return (f.unitId === undefined || r[1] === f.unitId) && (f.supervision === undefined || r[2] === f.supervision);
  });
  const ids = rows.map((r) => r[0] as number).sort((a, b) => a - b);
  return { ids: ids.slice(offset, offset + limit), total: ids.length };
}

export function listReports(db: Db): Array<{ id: number; kind: 'year' | 'quarter'; from: string; to: string; issuedAt: string; issuedBy: string }> {
  const rows = db.prepare('SELECT id, kind, period, issued_at AS issuedAt, issued_by AS issuedBy FROM stats_reports ORDER BY period DESC').all() as Array<{ id: number; kind: 'year' | 'quarter'; period: string; issuedAt: string; issuedBy: string }>;
  return rows.map(({ period, ...r }) => ({ ...r, from: period.slice(0, 10), to: period.slice(11) }));
}
