// The printed 年度/季度 风险研判工作情况 (briefs kind 'stats'): its period from the request, its figures
// frozen with the report once issued (a final PDF/Word output issues it), live before that.
import { AppError } from '../../shared/errors.js';
import { periodOf, type Period } from '../../shared/stats.js';
import { buildStatsReport } from '../../shared/briefs/statsReport.js';
import { statsSummary } from '../../db/stats.js';
import { issuedReport, issueReport } from '../../db/statsReports.js';
import type { Doc } from '../../shared/briefs/model.js';
import type { BriefRequestParsed } from '../../shared/briefs/request.js';
import type { HandlerContext } from './context.js';

/** The year or quarter a request names (from–to), or the year of its as-of day. */
export function reportPeriod(req: BriefRequestParsed, asOf: string): Period {
  if (!req.from && !req.to) return periodOf('year', asOf);
  const from = req.from ?? req.to!;
  const to = req.to ?? req.from!;
  for (const kind of ['year', 'quarter'] as const) {
    const p = periodOf(kind, from);
    if (p.from === from && p.to === to) return p;
  }
  throw new AppError('INVALID_INPUT', `风险研判工作情况按整年或整季度编写：${from} 至 ${to} 不是一年或一个季度。请选择如 2026-01-01 至 2026-12-31，或 2026-07-01 至 2026-09-30。`);
}

export function buildStatsDoc(req: BriefRequestParsed, ctx: HandlerContext, organ: string, asOf: string): Doc {
  const p = reportPeriod(req, asOf);
  const issued = issuedReport(ctx.db, p);
  return buildStatsReport({ organ, asOf, cc: req.cc, summary: statsSummary(ctx.db, p, asOf, true, issued?.id) });
}

/** A final output issues the report: its figures and records are frozen from then on. */
export function issueStatsReport(req: BriefRequestParsed, ctx: HandlerContext, asOf: string): void {
  const p = reportPeriod(req, asOf);
  if (!issuedReport(ctx.db, p)) issueReport(ctx.db, ctx, p, statsSummary(ctx.db, p, asOf, true));
}
