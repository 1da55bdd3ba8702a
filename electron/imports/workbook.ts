// Writing .xlsx files: the register export (one function per sheet) and the import report.
// Streams rows into the zip, so 100,000 risks never sit in memory as one workbook model.
import { openDatabase, type Db } from '../../db/open.js';
import { fileOf } from '../../db/sqlite.js';
import { RISK_SELECT, rowToRisk } from '../../db/risks.js';
import { LEVELS, levelName } from '../../shared/labels.js';
import type { RiskRow } from '../../shared/risks.js';
import type { ImportReport } from '../../shared/imports/report.js';
import { guardCsvText } from '../../shared/imports/csvText.js';
import type { ExportTable } from '../../shared/contract/imports.js';
import { ACTION_COLUMNS, ASSESSMENT_COLUMNS, actionRows, assessmentRows } from './exportSheets.js';
import { XlsxWriter, type XlsxValue } from './xlsxWriter.js';

export interface ExportColumn<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null;
}

/**
 * Register columns. Headers are the ones the importer maps back, so export → import reproduces every field.
 * Dates are written as YYYY-MM-DD text: it reads back as the same date in any zone, and sorts and
 * filters the same in Excel/WPS.
 */
export const REGISTER_COLUMNS: ExportColumn<RiskRow>[] = [
  { header: '编号', width: 14, value: (r) => r.code },
  { header: '所属县区', width: 10, value: (r) => r.region },
  { header: '领域', width: 12, value: (r) => r.domain },
  { header: '细类', width: 10, value: (r) => r.subCategory },
  { header: '事项名称', width: 36, value: (r) => r.title },
  { header: '基本情况', width: 40, value: (r) => r.summary },
  { header: '来源', width: 10, value: (r) => r.source ?? '' },
  { header: '首次发现日期', width: 13, value: (r) => r.firstFound ?? '' },
  { header: '涉及人数', width: 10, value: (r) => r.involvedCount },
  { header: '人数单位', width: 9, value: (r) => r.involvedUnit },
  { header: '涉及人数（原文）', width: 14, value: (r) => r.involvedText },
  { header: '涉及金额（万元）', width: 14, value: (r) => r.amountWan },
  { header: '主要诉求', width: 30, value: (r) => r.mainDemands },
  { header: '舆情', width: 8, value: (r) => r.opinionRisk },
  { header: '极端倾向', width: 9, value: (r) => (r.extremeRisk ? '是' : '否') },
  { header: '可能性', width: 8, value: (r) => r.likelihood },
  { header: '影响程度', width: 9, value: (r) => r.impact },
  { header: '风险等级', width: 10, value: (r) => (r.level ? levelName(r.level) : '') },
  { header: '定级依据', width: 24, value: (r) => r.levelBasis },
  { header: '态势', width: 8, value: (r) => r.trend ?? '' },
  { header: '稳控措施', width: 36, value: (r) => r.controlMeasures },
  { header: '化解措施', width: 36, value: (r) => r.resolutionMeasures },
  { header: '主办单位', width: 20, value: (r) => r.leadUnit },
  { header: '协办单位', width: 24, value: (r) => r.coUnits.join('、') },
  { header: '责任人', width: 10, value: (r) => r.responsiblePerson },
  { header: '包案领导', width: 10, value: (r) => r.packageLeader },
  { header: '包案领导职务', width: 14, value: (r) => r.packageLeaderTitle },
  { header: '专班', width: 16, value: (r) => r.taskForce },
  { header: '化解时限', width: 12, value: (r) => r.deadline ?? '' },
  { header: '时限说明', width: 14, value: (r) => r.deadlineNote },
  { header: '进展情况', width: 40, value: (r) => r.progress },
  { header: '状态', width: 10, value: (r) => r.status },
];

const HEADER_STYLE = { bold: true, color: 'FFFFFF', fill: '7F1D1D', centred: true };

function* registerRows(db: Db): Generator<RiskRow> {
  // Rows as arrays (better-sqlite3 builds an object per row through its C++ API, measurably slower
  // at 100,000 rows), named here in JS, then shaped by the register's one row mapper.
  const stmt = db.prepare(`${RISK_SELECT} WHERE r.deleted_at IS NULL ORDER BY r.code`).raw();
  const names = stmt.columns().map((c) => c.name);
  for (const values of stmt.iterate() as Iterable<unknown[]>) {
    const r: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) r[names[i]] = values[i];
    yield rowToRisk(r);
  }
}

interface TableOptions {
  /** The header of the column whose levels are filled with their colour. */
  levelColumn?: string;
  /** Give the event loop a turn every this many rows (0: never), so the app keeps answering during a long export. */
  yieldEvery?: number;
  rowsPerSheet?: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Excel's sheet holds 1,048,576 rows: the header plus this many; longer tables continue on 「名称（续2）」… */
export const XLSX_ROWS_PER_SHEET = 1_048_575;

/**
 * One table of the export: Chinese headers, widths, frozen header row, levels filled with their
 * colour (white bold on the level's colour), as many sheets as Excel's row limit needs.
 */
export async function addTable<T>(wb: XlsxWriter, name: string, columns: ExportColumn<T>[], rows: Iterable<T>, opts: TableOptions = {}): Promise<number> {
  const limit = opts.rowsPerSheet ?? XLSX_ROWS_PER_SHEET;
  const header = wb.style(HEADER_STYLE);
  const levelAt = opts.levelColumn ? columns.findIndex((c) => c.header === opts.levelColumn) : -1;
  const levelStyles = new Map(LEVELS.map((l) => [l.name as XlsxValue, wb.style({ bold: true, color: 'FFFFFF', fill: l.hex.slice(1) })]));
  const styleOf = levelAt >= 0 ? (v: XlsxValue, i: number) => (i === levelAt ? (levelStyles.get(v) ?? 0) : 0) : undefined;
  let sheet = wb.addSheet(name, columns, header);
  let n = 0;
  for (const row of rows) {
    if (sheet.rows > limit) sheet = wb.addSheet(`${name}（续${Math.floor(n / limit) + 1}）`, columns, header);
    sheet.addRow(columns.map((c) => c.value(row)), styleOf);
    if (++n % (opts.yieldEvery || Infinity) === 0) {
      await sheet.drained();
      await nextTurn();
    }
  }
  return n;
}

export const EXPORT_SHEET_NAMES: Record<ExportTable, string> = { register: '风险台账', assessments: '研判记录', actions: '交办事项' };

/**
 * Runs fn on a read-only connection of its own inside one read transaction: the export sees one
 * snapshot of the database, and, while it yields to the event loop, the app's connection stays
 * free for other requests (a connection with an open iterator refuses every other statement).
 * An in-memory database has no second connection: fn gets it and must not yield.
 */
async function onSnapshot<T>(db: Db, fn: (reader: Db, canYield: boolean) => Promise<T>): Promise<T> {
  if (db.memory) return fn(db, false);
  // By its file, not its name (a URI for an immutable reader, which names no key).
  const reader = openDatabase(fileOf(db), { readonly: true });
  try {
    reader.exec('BEGIN');
    return await fn(reader, true);
  } finally {
    reader.close();
  }
}

/** The register, its 研判记录 (assessments) and 交办事项 (actions) as one .xlsx (or the chosen ones); rows counts the register. */
export async function exportWorkbook(db: Db, opts: { sheets?: ExportTable[]; rowsPerSheet?: number } = {}): Promise<{ data: Buffer; rows: number }> {
  const sheets = opts.sheets ?? ['register', 'assessments', 'actions'];
  const wb = new XlsxWriter();
  const rows = await onSnapshot(db, async (reader, canYield) => {
    const per = { rowsPerSheet: opts.rowsPerSheet, yieldEvery: canYield ? 2000 : 0 };
    let n = 0;
    if (sheets.includes('register')) n = await addTable(wb, EXPORT_SHEET_NAMES.register, REGISTER_COLUMNS, registerRows(reader), { ...per, levelColumn: '风险等级' });
    if (sheets.includes('assessments')) await addTable(wb, EXPORT_SHEET_NAMES.assessments, ASSESSMENT_COLUMNS, assessmentRows(reader), { ...per, levelColumn: '研判等级' });
    if (sheets.includes('actions')) await addTable(wb, EXPORT_SHEET_NAMES.actions, ACTION_COLUMNS, actionRows(reader), per);
    return n;
  });
  return { data: await wb.finish(), rows };
}

/**
 * One CSV field. Text is guarded against formula injection (guardCsvText: `=cmd|…` is written `'=cmd|…`);
 * numbers are written as numbers: String(n) of a finite number (-12.5, 1e-7) is never a formula, and an
 * apostrophe would turn a negative amount into text in Excel. The .xlsx export needs no guard: its
 * cells are inline strings (t="inlineStr"), which Excel and WPS show as text and never evaluate —
 * only an <f> element is a formula.
 */
const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : typeof v === 'number' ? String(v) : guardCsvText(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV in UTF-8 with BOM (so Excel opens it without garbling Chinese), same columns as the .xlsx. */
export function exportCsv(db: Db, sheet: ExportTable = 'register'): { data: Buffer; rows: number } {
  if (sheet === 'assessments') return csvOf(ASSESSMENT_COLUMNS, assessmentRows(db));
  if (sheet === 'actions') return csvOf(ACTION_COLUMNS, actionRows(db));
  return csvOf(REGISTER_COLUMNS, registerRows(db));
}

function csvOf<T>(columns: ExportColumn<T>[], rows: Iterable<T>): { data: Buffer; rows: number } {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.value(r))).join(','));
  return { data: Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8'), rows: lines.length - 1 };
}

const ACTION_LABEL = { create: '新增', update: '更新', unchanged: '无变化', reject: '未导入', skip: '跳过' } as const;

/** The dry-run report as .xlsx: a summary sheet and one row per sheet row. */
export async function reportWorkbook(report: ImportReport): Promise<Buffer> {
  const wb = new XlsxWriter();
  const c = report.counts;
  await addTable(wb, '汇总', [
    { header: '项目', width: 16, value: (r: [string, string | number]) => r[0] },
    { header: '内容', width: 60, value: (r: [string, string | number]) => r[1] },
  ], [
    ['文件', report.fileName], ['工作表', report.sheet], ['表头所在行', report.headerRow],
    ['新增', c.created], ['更新', c.updated], ['无变化', c.unchanged], ['未导入', c.rejected], ['跳过（空行、合计行）', c.skipped],
  ]);
  await addTable(wb, '逐行结果', [
    { header: '行号', width: 7, value: (r) => r.row },
    { header: '处理', width: 9, value: (r) => ACTION_LABEL[r.action] },
    { header: '编号', width: 14, value: (r) => r.code },
    { header: '事项名称', width: 36, value: (r) => r.title },
    { header: '变更的字段', width: 28, value: (r) => r.changed.join('、') },
    { header: '原因', width: 60, value: (r) => r.reasons.join('\n') },
    { header: '提示', width: 50, value: (r) => r.warnings.map((w) => `${w.col}列「${w.header}」：${w.message}`).join('\n') },
  ], report.rows);
  return await wb.finish();
}
