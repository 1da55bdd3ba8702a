// Import, export and backup handlers: they join the file readers/writers with the db modules.
import { commitImport } from '../../db/imports.js';
import { backupDatabase, backupsOf } from '../../db/backups.js';
import { AppError } from '../../shared/errors.js';
import { shanghaiDate } from '../../shared/dates.js';
import { countActions, type ImportFileInput } from '../../shared/imports/report.js';
import type { SheetData } from '../imports/sheet.js';
import { prepareImport } from '../imports/run.js';
import type { HandlerContext } from './context.js';
import { fileReply } from '../downloads.js';
import { existsSync } from 'node:fs';
import { fileKind, keysFileFor } from '../../db/cipher.js';
import { recordEvent } from './audit.js';
import type { HandlersFor } from './types.js';

/** Sheets read by the preparer, handed to the synchronous commit handler (keyed by the parsed input object). */
const readSheets = new WeakMap<object, { sheet: SheetData; backupFile: string | null }>();

function decode(input: ImportFileInput): Buffer {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length === 0) throw new AppError('INVALID_INPUT', '文件是空的，请检查后重新选择。');
  return bytes;
}

// The Excel/CSV libraries load on first use: importing them costs seconds at start-up on a slow PC.
const sheetLib = () => import('../imports/sheet.js');
const workbookLib = () => import('../imports/workbook.js');

const read = async (input: ImportFileInput) => (await sheetLib()).readSheetFile(input.fileName, decode(input), input.sheet);

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const canBackup = (ctx: HandlerContext) => ctx.dbPath !== ':memory:';

export const importPreparers = {
  'imports.commit': async (input: ImportFileInput, ctx: HandlerContext) => {
    const sheet = await read(input);
    const backup = canBackup(ctx) ? await backupDatabase(ctx.db, ctx.dbPath, 'import', ctx.now()) : null;
    readSheets.set(input, { sheet, backupFile: backup?.file ?? null });
  },
};

export const importHandlers: HandlersFor<'imports.preview' | 'imports.commit' | 'imports.reportFile' | 'exports.register' | 'backups.list' | 'backups.create' | 'backups.download' | 'backups.restore' | 'recovery.restore'> = {
  'imports.preview': async (input, ctx) => prepareImport(ctx.db, input, await read(input)).report,
  'imports.commit': (input, ctx) => {
    const prepared = readSheets.get(input);
    if (!prepared) throw new Error('imports.commit ran without its preparer');
    const { report, plan } = prepareImport(ctx.db, input, prepared.sheet);
    commitImport(ctx.db, ctx, plan, { fileName: input.fileName, sheet: report.sheet });
    const rows = plan.map(({ patch: _p, version: _v, ...row }) => row);
    return { ...report, rows, counts: countActions(plan), committed: true, backupFile: prepared.backupFile };
  },
  'imports.reportFile': async (input, ctx) => {
    const { report } = prepareImport(ctx.db, input, await read(input));
    const data = await (await workbookLib()).reportWorkbook(report);
    return fileReply(ctx.downloads, { bytes: data }, `导入预演报告-${input.fileName.replace(/\.[^.]+$/, '')}.xlsx`, XLSX_MIME);
  },
  'exports.register': async ({ format, sheet, sheets }, ctx) => {
    const lib = await workbookLib();
    const out = format === 'csv' ? lib.exportCsv(ctx.db, sheet) : await lib.exportWorkbook(ctx.db, { sheets });
    const name = format === 'csv' ? lib.EXPORT_SHEET_NAMES[sheet] : '风险台账';
    recordEvent(ctx, 'export', 'register', { format, sheet: format === 'csv' ? sheet : undefined, sheets, rows: out.rows });
    return fileReply(ctx.downloads, { bytes: out.data }, `${name}-${shanghaiDate(ctx.now())}.${format}`, format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME, { rows: out.rows });
  },
  'backups.list': (_input, ctx) => (canBackup(ctx) ? backupsOf(ctx.dbPath).map(({ file: _f, ...b }) => b) : []),
  'backups.create': async (_input, ctx) => {
    if (!canBackup(ctx)) throw new AppError('INVALID_INPUT', '内存数据库不能备份。');
    const { file: _f, ...b } = await backupDatabase(ctx.db, ctx.dbPath, 'manual', ctx.now());
    recordEvent(ctx, 'backup', 'register', { name: b.name });
    return b;
  },
  'backups.download': ({ name }, ctx) => {
    const hit = backupsOf(ctx.dbPath).find((b) => b.name === name);
    if (!hit) throw new AppError('NOT_FOUND', `找不到备份「${name}」，可能已按保留规则删除。请刷新列表。`);
    recordEvent(ctx, 'export', 'backup', { name });
    // An encrypted backup is useless without its key file: both go out in one .zip.
    const keys = keysFileFor(hit.file);
    if (fileKind(hit.file) === 'encrypted' && existsSync(keys)) {
      return fileReply(ctx.downloads, { zip: [{ name, path: hit.file }, { name: `${name}.keys`, path: keys }] }, `${name}.zip`, 'application/zip');
    }
    return fileReply(ctx.downloads, { path: hit.file }, name, 'application/vnd.sqlite3');
  },
  // Answered by the app host's wrapper (electron/recovery.ts), which can close and reopen the database.
  'backups.restore': () => {
    throw new AppError('INVALID_INPUT', '这里不能在数据库打开时恢复备份。请关闭程序后运行 yanpan restore --db 数据库 --from 备份文件。');
  },
  // Only answered by the recovery host (electron/recovery.ts) while the database is damaged.
  'recovery.restore': () => {
    throw new AppError('CONFLICT', '数据库完好，无需恢复。如要换回某个备份，请用命令行 yanpan restore。');
  },
};
