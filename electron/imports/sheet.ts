// Reading a user's file into a grid of cells: .xlsx through ./xlsx.ts, CSV in UTF-8 (with or
// without BOM) or GBK. Old binary .xls / WPS .et files get a message on how to save as .xlsx.
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../../shared/errors.js';
import type { Cell } from '../../shared/imports/normalise.js';
import { findHeaderRow } from '../../shared/imports/headers.js';
import { unguardCsvText } from '../../shared/imports/csvText.js';
import { MAX_SHEET_CELLS, MAX_SHEET_ROWS, openXlsx, XlsxLimitError, type XlsxBook, type XlsxSheet } from './xlsx.js';

export interface SheetData {
  sheets: string[];
  sheet: string;
  /** Rows from sheet row 1; merged cells carry their master's value. */
  grid: Cell[][];
}

const SAVE_AS = '请用 Excel 或 WPS 打开它，点「文件 → 另存为」，保存类型选「Excel 工作簿（*.xlsx）」，然后导入另存后的 .xlsx 文件。';

export async function readSheetFile(fileName: string, bytes: Buffer, sheet?: string): Promise<SheetData> {
  const ext = (/\.([a-z0-9]+)$/i.exec(fileName)?.[1] ?? '').toLowerCase();
  const isOle = bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0;
  if (['xls', 'et', 'ett', 'wps'].includes(ext) || isOle) {
    throw new AppError('INVALID_INPUT', `「${fileName}」是旧版 Excel（.xls）或 WPS 表格（.et）格式，本程序不能安全读取。${SAVE_AS}`);
  }
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return { sheets: ['CSV'], sheet: 'CSV', grid: readCsv(fileName, bytes) };
  if (ext === 'xlsx' || ext === 'xlsm' || bytes.subarray(0, 2).toString('latin1') === 'PK') return readXlsx(fileName, bytes, sheet);
  throw new AppError('INVALID_INPUT', `「${fileName}」不是可导入的表格文件。请选择 .xlsx 或 .csv 文件。`);
}

/** Strict UTF-8 first (a GBK file almost never decodes as valid UTF-8), then GBK (GB18030 covers it). */
export function decodeText(bytes: Buffer): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return iconv.decode(body, 'gb18030');
  }
}

function readCsv(fileName: string, bytes: Buffer): Cell[][] {
  const decoded = decodeText(bytes);
  const firstLines = decoded.slice(0, 4000);
  const delimiter = (firstLines.match(/\t/g)?.length ?? 0) > (firstLines.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const text = withoutTrailingEmptyLines(decoded, delimiter);
  // Fields are at most delimiters + line breaks (quoted ones counted too): refused before parsing a
  // line of millions of commas into as many strings.
  if (occurrences(text, delimiter) + occurrences(text, '\n') >= MAX_SHEET_CELLS) throw tooLarge(fileName);
  let rows: string[][];
  try {
    // One record past the bound is enough to know it is too long; csv-parse stops there.
    rows = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true, to: MAX_SHEET_ROWS + 1 }) as string[][];
  } catch (e) {
    throw new AppError('INVALID_INPUT', `CSV 文件格式有误（${(e as Error).message}）。请用 Excel 打开后另存为 .xlsx 再导入。`);
  }
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  if (rows.length > MAX_SHEET_ROWS || rows.length * width > MAX_SHEET_CELLS) throw tooLarge(fileName);
  // Our CSV export guards text that a spreadsheet would run as a formula ('=…): take the guard off.
  for (const row of rows) for (let c = 0; c < row.length; c++) if (row[c].charCodeAt(0) === 39) row[c] = unguardCsvText(row[c]);
  return rows;
}

/**
 * Lines after the last value (empty, or only delimiters, as Excel saves formatted empty rows) carry
 * nothing: cut before parsing, as the .xlsx reader ends a sheet at its last value. The last record
 * keeps its own trailing delimiters.
 */
function withoutTrailingEmptyLines(text: string, delimiter: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r' || text[end - 1] === delimiter)) end--;
  const lineEnd = text.indexOf('\n', end);
  return lineEnd < 0 ? text : text.slice(0, lineEnd + 1);
}

const tooLarge = (fileName: string) =>
  new AppError('INVALID_INPUT', `「${fileName}」超过 ${MAX_SHEET_ROWS / 10_000} 万行，或行数 × 列数超过 ${MAX_SHEET_CELLS / 10_000} 万，超出一次导入的范围。请拆成几个文件分批导入。`);

function occurrences(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

async function readXlsx(fileName: string, bytes: Buffer, sheetName?: string): Promise<SheetData> {
  let book: XlsxBook;
  try {
    book = openXlsx(bytes);
  } catch (e) {
    if (e instanceof XlsxLimitError) throw new AppError('INVALID_INPUT', `「${fileName}」${e.message}`);
    throw new AppError('INVALID_INPUT', `「${fileName}」无法作为 .xlsx 打开，文件可能已损坏或不是 Excel 文件。${SAVE_AS}`);
  }
  const sheets = book.sheets.map((w) => w.name);
  const gridOf = (ws: XlsxSheet) => {
    try {
      return book.grid(ws);
    } catch (e) {
      if (e instanceof XlsxLimitError) throw new AppError('INVALID_INPUT', `「${fileName}」${e.inSheet ? `的工作表「${ws.name}」` : ''}${e.message}`);
      throw new AppError('INVALID_INPUT', `「${fileName}」的工作表「${ws.name}」无法读取，文件可能已损坏。${SAVE_AS}`);
    }
  };
  if (sheetName) {
    const ws = book.sheets.find((w) => w.name === sheetName);
    if (!ws) throw new AppError('INVALID_INPUT', `文件中没有名为「${sheetName}」的工作表。现有：${sheets.join('、')}`);
    return { sheets, sheet: ws.name, grid: gridOf(ws) };
  }
  let first: { ws: XlsxSheet; grid: Cell[][] } | null = null;
  for (const ws of book.sheets.filter((w) => !w.hidden)) {
    const grid = gridOf(ws);
    if (!grid.length) continue;
    if (findHeaderRow(grid) !== null) return { sheets, sheet: ws.name, grid };
    first ??= { ws, grid };
  }
  if (!first) throw new AppError('INVALID_INPUT', `「${fileName}」中没有内容。`);
  return { sheets, sheet: first.ws.name, grid: first.grid };
}
