// Queries for printed briefs: the register rows a document covers, and the audit record of
// every print or export (who, when, which document, how many copies).
import { listRisks } from './risks.js';
import { getLists } from './settings.js';
import { writeAudit } from './audit.js';
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import type { RiskListInput, RiskRow } from '../shared/risks.js';
import { AppError } from '../shared/errors.js';

/** A printed register longer than this is not a document anyone reads; export to Excel instead. */
export const MAX_PRINTED_RISKS = 5000;

export function briefRisks(db: Db, filter: Omit<RiskListInput, 'page' | 'pageSize'>): RiskRow[] {
  const first = listRisks(db, { ...filter, sort: 'level', order: 'asc', page: 1, pageSize: 500 });
  if (first.total > MAX_PRINTED_RISKS) {
    throw new AppError('INVALID_INPUT', `符合条件的风险事项有${first.total}件，超过打印上限${MAX_PRINTED_RISKS}件。请先按领域、县区或等级筛选，或改用导出Excel。`);
  }
  const rows = [...first.rows];
  for (let page = 2; rows.length < first.total; page++) rows.push(...listRisks(db, { ...filter, sort: 'level', order: 'asc', page, pageSize: 500 }).rows);
  return rows;
}

export function domainNames(db: Db): string[] {
  return getLists(db).domains.filter((d) => d.active).map((d) => d.name);
}

export function filterWords(db: Db, f: { domainId?: number; regionId?: number; level?: number; status?: string; query?: string }, levelName: (n: number) => string): string {
  const lists = getLists(db);
  const parts: string[] = [];
  if (f.regionId) parts.push(`县区：${lists.regions.find((r) => r.id === f.regionId)?.name ?? f.regionId}`);
  if (f.domainId) parts.push(`领域：${lists.domains.find((d) => d.id === f.domainId)?.name ?? f.domainId}`);
  if (f.level) parts.push(`等级：${levelName(f.level)}`);
  if (f.status) parts.push(`状态：${f.status}`);
  if (f.query) parts.push(`含“${f.query}”`);
  return parts.join('；');
}

export interface BriefAuditRecord {
  kind: string;
  title: string;
  format: 'pdf' | 'docx' | 'paper';
  copies: number;
  pages?: number;
  request: unknown;
}

/** One audit row per print/export; entity 'brief', no entity id (a document is not a stored row). */
export function recordBriefOutput(db: Db, ctx: WriteContext, rec: BriefAuditRecord): void {
  writeAudit(db, ctx, rec.format === 'paper' ? 'print' : 'export', 'brief', null, null, rec);
}
