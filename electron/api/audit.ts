// The audit for the 审计管理员: filter, export (.xlsx with the chain head), verify the chain.
import type { HandlersFor } from './types.js';
import type { HandlerContext } from './context.js';
import { auditExportRows, listAuditLog } from '../../db/auditLog.js';
import { chainHead, sealAudit, verifyChain } from '../../db/auditChain.js';
import { fileReply } from '../downloads.js';
import { shanghaiDate } from '../../shared/dates.js';
import { auditActionLabel, auditDetailLines, auditEntityLabel, auditFilterText, auditTime } from '../../shared/auditText.js';
import { toAuditEntry, writeAudit, type AuditRow } from '../../db/audit.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * An audit row for what a read-only method did (an export, a backup, a download): its own small
 * transaction, sealed into the chain, written before the file leaves.
 */
export function recordEvent(ctx: Pick<HandlerContext, 'db' | 'actor' | 'now'>, action: string, entity: string, detail: unknown): void {
  if (ctx.db.readonly) return;
  ctx.db.transaction(() => {
    writeAudit(ctx.db, ctx, action, entity, null, null, detail);
    sealAudit(ctx.db, ctx.now());
  }).immediate();
}

export const auditHandlers: HandlersFor<'audit.list' | 'audit.export' | 'audit.verify'> = {
  'audit.list': (input, ctx) => ({ ...listAuditLog(ctx.db, input), head: chainHead(ctx.db) }),
  'audit.verify': ({ head }, ctx) => verifyChain(ctx.db, head),
  'audit.export': async (filter, ctx) => {
    // The export is itself audited (its own small transaction, sealed) before the file is built,
    // so the head in the file covers the export too.
    recordEvent(ctx, 'export', 'audit', filter);
    const check = verifyChain(ctx.db);
    const { XlsxWriter } = await import('../imports/xlsxWriter.js');
    const { addTable } = await import('../imports/workbook.js');
    const wb = new XlsxWriter();
    const pair = (header: string, width: number, i: 0 | 1) => ({ header, width, value: (r: [string, string | number]) => r[i] });
    await addTable(wb, '审计链', [pair('项目', 18, 0), pair('内容', 90, 1)], [
      ['链头（请记下）', check.head.hash],
      ['链头序号', check.head.seq],
      ['链头覆盖到记录', check.head.lastId],
      ['校验结果', check.message],
      ['导出人', ctx.caller.name],
      ['导出时间（北京时间）', auditTime(ctx.now())],
      ['筛选条件', auditFilterText(filter)],
    ]);
    const rows = await addTable<AuditRow>(wb, '审计记录', [
      { header: '序号', width: 8, value: (r) => r.id },
      { header: '时间（北京时间）', width: 20, value: (r) => auditTime(r.at) },
      { header: '账号', width: 14, value: (r) => r.actor },
      { header: '操作', width: 14, value: (r) => auditActionLabel(r.action, r.entity) },
      { header: '对象', width: 12, value: (r) => auditEntityLabel(r.entity) },
      { header: '对象编号', width: 10, value: (r) => r.entity_id },
      { header: '内容', width: 60, value: (r) => auditDetailLines(toAuditEntry(r)).join('\n') },
      // The stored images as written, for an auditor who checks the words against them.
      { header: '修改前（原始）', width: 40, value: (r) => r.before },
      { header: '修改后（原始）', width: 40, value: (r) => r.after },
    ], auditExportRows(ctx.db, filter));
    return fileReply(ctx.downloads, { bytes: await wb.finish() }, `审计记录-${shanghaiDate(ctx.now())}.xlsx`, XLSX_MIME, { rows });
  },
};
