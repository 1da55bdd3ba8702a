import { z } from 'zod';
import { method } from './method.js';
import type { Role } from '../roles.js';

/** Backups and restores: the 研判员 who keeps the register, and the 系统管理员. */
const BACKUP_ROLES: readonly Role[] = ['研判员', '系统管理员'];
import { importFileInput, type ImportReport } from '../imports/report.js';
import type { BackupEntry } from '../backups.js';

import type { FilePayload } from '../files.js';
export type { FilePayload } from '../files.js';

const exportTable = z.enum(['register', 'assessments', 'actions'], { message: '只能是 register（风险台账）、assessments（研判记录）或 actions（交办事项）' });
/** A table the export can hold: the register, its assessments, its actions. */
export type ExportTable = z.infer<typeof exportTable>;

const backupName = z.string().regex(/^[^/\\\0]+-\d{8}T\d{9}Z-[a-z]+\.db$/, { message: '不是本程序生成的备份文件名' });

export const importMethods = {
  'imports.preview': method<ImportReport>()(importFileInput, false, '导入预演：读取表格，给出列对应和逐行结果（新增、更新、无变化、未导入），不写入'),
  'imports.commit': method<ImportReport>()(importFileInput, true, '导入：先自动备份，再在一个事务中写入全部可导入的行（全部成功或全部不写）'),
  'imports.reportFile': method<FilePayload>()(importFileInput, false, '导入预演报告（.xlsx）'),
  'exports.register': method<FilePayload>()(
    z.object({
      format: z.enum(['xlsx', 'csv'], { message: '只能是 xlsx 或 csv' }).default('xlsx'),
      /** CSV holds one sheet: which one (the .xlsx holds all three). */
      sheet: exportTable.default('register'),
      /** Which tables the .xlsx holds (default all three). */
      sheets: z.array(exportTable).min(1, { message: '至少选择一张表' }).optional(),
    }),
    false,
    '导出风险台账、研判记录、交办事项（.xlsx 三张表；.csv 按所选的一张）',
  ),
  'backups.list': method<BackupEntry[]>()(z.object({}), false, '列出自动备份', 'public', BACKUP_ROLES),
  'backups.create': method<BackupEntry>()(z.object({}), false, '立即备份数据库（备份文件夹中）', 'public', BACKUP_ROLES),
  'backups.download': method<FilePayload>()(z.object({ name: backupName }), false, '下载一个备份文件', 'public', BACKUP_ROLES),
  'backups.restore': method<{ restored: string; savedCurrent: string | null }>()(z.object({ name: backupName }), false, '恢复一个备份（先检查备份；当前数据库先另存为备份）', 'public', BACKUP_ROLES),
  'recovery.restore': method<{ restored: string; savedCurrent: string | null }>()(z.object({ name: backupName.optional() }), false, '数据库损坏时：恢复最近一次完好的备份（当前文件先另存）', 'public', BACKUP_ROLES),
} as const;
