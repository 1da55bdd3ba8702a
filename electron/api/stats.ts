// 统计: joins the period figures (db/stats.ts), the frozen reports (db/statsReports.ts) and the
// tables (shared/statsTables.ts) into the contract's answers; .xlsx through the export writer.
import { shanghaiDate } from '../../shared/dates.js';
import { getStatsDefinitions, setManual, statsRecords, statsSummary, updateStatsDefinitions } from '../../db/stats.js';
import { issueReport, listReports } from '../../db/statsReports.js';
import { periodName } from '../../shared/stats.js';
import { statsTables } from '../../shared/statsTables.js';
import { XlsxWriter } from '../imports/xlsxWriter.js';
import { fileReply } from '../downloads.js';
import type { HandlersFor } from './types.js';

type M = 'stats.summary' | 'stats.records' | 'stats.setManual' | 'stats.definitions' | 'stats.setDefinitions' | 'stats.issue' | 'stats.reports' | 'stats.xlsx';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const statsHandlers: HandlersFor<M> = {
  'stats.summary': (i, ctx) => statsSummary(ctx.db, i.period, i.asOf ?? shanghaiDate(ctx.now()), i.compare, i.reportId),
  'stats.records': (i, ctx) => statsRecords(ctx.db, i.measure, i.period, i.asOf ?? shanghaiDate(ctx.now()), i.filter, i.offset, i.limit, i.reportId),
  'stats.setManual': (i, ctx) => setManual(ctx.db, ctx, i.period, i.measure, i.value, i.note),
  'stats.definitions': (_i, ctx) => getStatsDefinitions(ctx.db),
  'stats.setDefinitions': (i, ctx) => updateStatsDefinitions(ctx.db, ctx, i),
  'stats.issue': (i, ctx) => {
    const asOf = i.asOf ?? shanghaiDate(ctx.now());
    const id = issueReport(ctx.db, ctx, i.period, statsSummary(ctx.db, i.period, asOf, true));
    return listReports(ctx.db).find((r) => r.id === id)!;
  },
  'stats.reports': (_i, ctx) => listReports(ctx.db),
  'stats.xlsx': async (i, ctx) => {
    const s = statsSummary(ctx.db, i.period, i.asOf ?? shanghaiDate(ctx.now()), i.compare, i.reportId);
    const w = new XlsxWriter();
    const head = w.style({ bold: true, centred: true, fill: 'D9D9D9' });
    for (const t of statsTables(s).filter((t) => !i.tables || i.tables.includes(t.key))) {
      const sheet = w.addSheet(t.title.replace(/（.*）/, ''), t.columns.map((c, k) => ({ header: c, width: k === 0 || c === '责任单位' ? 24 : 12 })), head);
      for (const row of t.rows) sheet.addRow(row.map((c) => c.v));
    }
    const data = await w.finish();
    return fileReply(ctx.downloads, { bytes: data }, `统计-${periodName(i.period)}${s.frozen ? '（已印发）' : ''}.xlsx`, XLSX_MIME);
  },
};
