// Reads the cell values of an .xlsx sheet: text, numbers, booleans, dates; merged cells carry
// their master's value. Not exceljs: its workbook model (styles, fonts, every cell an object)
// took 0.8–1.1 s for a 10,000-row sheet, a third of the import's 3-second budget; reading only
// values with fflate (inflate) and saxes (the XML parser exceljs itself uses) takes ~0.3 s.
// tests/unit/imports-xlsx.test.ts holds the two readers equal on every fixture sheet.
//
// Bounded (issue 11): a 718-byte file with one cell at XFD1048576 once made the reader pad every row
// to 16,384 columns (4–6 GB). Now parts are inflated and parsed piece by piece, counting the real
// bytes (./xmlPart.ts); a sheet keeps only cells holding a value and is padded only after its extent
// is checked (./sheetCells.ts). What is beyond Excel's own limits or far beyond an import's size is
// refused with a Chinese message (XlsxLimitError), never read.
import type { Cell } from '../../shared/imports/normalise.js';
import { MAX_SHEET_CELLS, SheetReader } from './sheetCells.js';
import { MAX_XML_TOKEN, openParts, XlsxError, XlsxLimitError, type Attributes, type PartReader } from './xmlPart.js';

export { XlsxError, XlsxLimitError } from './xmlPart.js';
export { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, MAX_SHEET_CELLS, MAX_SHEET_ROWS, serialToIsoDate } from './sheetCells.js';

export interface XlsxSheet {
  name: string;
  /** hidden or veryHidden in Excel. */
  hidden: boolean;
  /** Zip entry of the sheet's XML. */
  path: string;
}

export interface XlsxBook {
  sheets: XlsxSheet[];
  /** The sheet's rows from row 1 to its last row holding a value, each as wide as the widest; empty cells are null. */
  grid(sheet: XlsxSheet): Cell[][];
}

const MAX_SHARED_STRINGS = MAX_SHEET_CELLS;
/** Cell formats read from styles.xml (Excel allows about 64,000); past the cap, cells read as plain numbers. */
const MAX_STYLES = 1_000_000;

export function openXlsx(bytes: Uint8Array): XlsxBook {
  const part = openParts(bytes);
  const workbookPath = relTargets(part, '_rels/.rels', '', '/officeDocument').values().next().value ?? 'xl/workbook.xml';
  const base = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const rels = relTargets(part, relsPathOf(workbookPath), base, '/worksheet');
  const sheets: XlsxSheet[] = [];
  let date1904 = false;
  const hasWorkbook = part(workbookPath, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = isTrue(a.date1904);
      if (name !== 'sheet') return;
      const path = rels.get(a['r:id'] ?? attrBySuffix(a, ':id') ?? '');
      // Chart sheets have no relationship of the worksheet type: they hold no cells.
      if (path) sheets.push({ name: a.name ?? '', hidden: /hidden/i.test(a.state ?? ''), path });
    },
  });
  if (!hasWorkbook) throw new XlsxError('no workbook part');
  const strings = sharedStrings(part, `${base}sharedStrings.xml`);
  const dateStyles = dateStyleIndexes(part, `${base}styles.xml`);
  return {
    sheets,
    grid(sheet) {
      const reader = new SheetReader(strings, dateStyles, date1904);
      try {
        if (!part(sheet.path, reader.handlers, false)) throw new XlsxError(`missing ${sheet.path}`);
        return reader.finish();
      } catch (e) {
        if (e instanceof XlsxLimitError) throw new XlsxLimitError(e.message, true);
        throw e;
      }
    },
  };
}

const isTrue = (v: string | undefined) => v === '1' || v === 'true';
const attrBySuffix = (a: Attributes, suffix: string) => Object.entries(a).find(([k]) => k.endsWith(suffix))?.[1];
const relsPathOf = (part: string) => {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
};

/** Relationship id → zip path, for relationships whose type ends with `typeSuffix`. */
function relTargets(part: PartReader, path: string, base: string, typeSuffix: string): Map<string, string> {
  const out = new Map<string, string>();
  part(path, {
    open(name, a) {
      const { Id, Target, Type, TargetMode } = a;
      if (name !== 'Relationship' || !Id || !Target || TargetMode === 'External' || !Type?.endsWith(typeSuffix)) return;
      out.set(Id, normalisePath(Target.startsWith('/') ? Target.slice(1) : base + Target));
    },
  });
  return out;
}

function normalisePath(p: string): string {
  const parts: string[] = [];
  for (const s of p.split('/')) {
    if (s === '..') parts.pop();
    else if (s !== '.' && s !== '') parts.push(s);
  }
  return parts.join('/');
}

/** The shared string table: each <si>'s text, its runs joined, phonetic guides (<rPh>) left out. */
function sharedStrings(part: PartReader, path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inT = false;
  let phonetic = 0;
  part(path, {
    open(name) {
      if (name === 'si') {
        cur = '';
        if (out.length >= MAX_SHARED_STRINGS) throw new XlsxLimitError(`的共享文字超过 ${MAX_SHARED_STRINGS.toLocaleString('en-US')} 条，超出一次导入的范围。请把台账拆成几个文件分批导入。`);
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && !phonetic) inT = true;
    },
    close(name) {
      if (name === 'si') out.push(cur);
      else if (name === 'rPh') phonetic--;
      else if (name === 't') inT = false;
    },
    text(t) {
      if (inT) cur += t;
      if (cur.length > MAX_XML_TOKEN) throw new XlsxLimitError(`中有一段超过 ${MAX_XML_TOKEN / 1024 ** 2} MB 的文字，不是 Excel 或 WPS 保存的内容，已停止读取。`);
    },
  });
  return out;
}

/** Built-in number formats that show a date (14–22, 45–47, and the CJK ones 27–36 and 50–58). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format shows a date if, outside quotes, escapes and [..] sections, it has y, m, d, h or s (年月日 formats do). */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/[_*]./g, '').replace(/General/gi, '');
  return /[ymdhs]/i.test(bare);
}

/** Indexes into cellXfs whose number format shows a date: such a cell's number is an Excel date serial. */
function dateStyleIndexes(part: PartReader, path: string): Set<number> {
  const out = new Set<number>();
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let index = 0;
  part(path, {
    open(name, a) {
      if (name === 'numFmt') {
        if (custom.size < MAX_STYLES) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs && index < MAX_STYLES) {
        const id = Number(a.numFmtId ?? 0);
        if (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id)) out.add(index);
        index++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return out;
}
