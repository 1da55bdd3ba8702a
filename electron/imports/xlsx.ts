// Reads the cell values of an .xlsx sheet: text, numbers, booleans, dates; merged cells carry
// their master's value. Not exceljs: its workbook model (styles, fonts, every cell an object)
// took 0.8–1.1 s for a 10,000-row sheet, a third of the import's 3-second budget; reading only
// values with fflate (unzip) and saxes (the XML parser exceljs itself uses) takes ~0.3 s.
// tests/unit/imports-xlsx.test.ts holds the two readers equal on every fixture sheet.
import { strFromU8, unzipSync, type UnzipFileInfo } from 'fflate';
import { SaxesParser } from 'saxes';
import type { Cell } from '../../shared/imports/normalise.js';

export interface XlsxSheet {
  name: string;
  /** hidden or veryHidden in Excel. */
  hidden: boolean;
  /** Zip entry of the sheet's XML. */
  path: string;
}

export interface XlsxBook {
  sheets: XlsxSheet[];
  /** The sheet's rows from row 1, each as wide as the widest row; empty cells are null. */
  grid(sheet: XlsxSheet): Cell[][];
}

export class XlsxError extends Error {}

/** A zip that expands past this is refused (the import takes files up to 30 MB). */
const MAX_EXPANDED_BYTES = 1024 * 1024 * 1024;

export function openXlsx(bytes: Uint8Array): XlsxBook {
  const entries = unzip(bytes, (f) => !/^xl\/(worksheets|chartsheets|drawings|media|printerSettings|externalLinks)\//.test(f.name));
  const text = (path: string) => (entries[path] ? strFromU8(entries[path]) : null);
  const workbookPath = relTargets(text('_rels/.rels'), '', '/officeDocument').values().next().value ?? 'xl/workbook.xml';
  const workbook = text(workbookPath);
  if (workbook === null) throw new XlsxError('no workbook part');
  const base = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const rels = relTargets(text(relsPathOf(workbookPath)), base, '/worksheet');
  const sheets: XlsxSheet[] = [];
  let date1904 = false;
  parseXml(workbook, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = isTrue(a.date1904);
      if (name !== 'sheet') return;
      const path = rels.get(a['r:id'] ?? attrBySuffix(a, ':id') ?? '');
      // Chart sheets have no relationship of the worksheet type: they hold no cells.
      if (path) sheets.push({ name: a.name ?? '', hidden: /hidden/i.test(a.state ?? ''), path });
    },
  });
  const strings = sharedStrings(text(`${base}sharedStrings.xml`));
  const dateStyles = dateStyleIndexes(text(`${base}styles.xml`));
  return {
    sheets,
    grid(sheet) {
      const xml = unzip(bytes, (f) => f.name === sheet.path)[sheet.path];
      if (!xml) throw new XlsxError(`missing ${sheet.path}`);
      return readSheet(strFromU8(xml), strings, dateStyles, date1904);
    },
  };
}

function unzip(bytes: Uint8Array, keep: (f: UnzipFileInfo) => boolean): Record<string, Uint8Array> {
  let expanded = 0;
  try {
    return unzipSync(bytes, {
      filter(f) {
        if (!keep(f)) return false;
        expanded += f.originalSize;
        if (expanded > MAX_EXPANDED_BYTES) throw new XlsxError('expands past the limit');
        return true;
      },
    });
  } catch (e) {
    throw e instanceof XlsxError ? e : new XlsxError(`not a zip: ${(e as Error).message}`);
  }
}

type Attributes = Record<string, string>;

interface Handlers {
  /** An element opens: its name without prefix, its attributes as written (prefixes kept). */
  open?(name: string, a: Attributes): void;
  close?(name: string): void;
  text?(t: string): void;
}

/** SAX over a part; element names without their namespace prefix (some writers emit x:c, x:row). */
function parseXml(xml: string, h: Handlers): void {
  const p = new SaxesParser({ xmlns: false });
  const local = (n: string) => {
    const i = n.indexOf(':');
    return i < 0 ? n : n.slice(i + 1);
  };
  if (h.open) p.on('opentag', (t) => h.open!(local(t.name), t.attributes));
  if (h.close) p.on('closetag', (t) => h.close!(local(t.name)));
  if (h.text) p.on('text', h.text);
  try {
    p.write(xml).close();
  } catch (e) {
    throw new XlsxError(`bad XML: ${(e as Error).message}`);
  }
}

const isTrue = (v: string | undefined) => v === '1' || v === 'true';
const attrBySuffix = (a: Attributes, suffix: string) => Object.entries(a).find(([k]) => k.endsWith(suffix))?.[1];
const relsPathOf = (part: string) => {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
};

/** Relationship id → zip path, for relationships whose type ends with `typeSuffix`. */
function relTargets(xml: string | null, base: string, typeSuffix: string): Map<string, string> {
  const out = new Map<string, string>();
  if (xml === null) return out;
  parseXml(xml, {
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
function sharedStrings(xml: string | null): string[] {
  const out: string[] = [];
  if (xml === null) return out;
  let cur = '';
  let inT = false;
  let phonetic = 0;
  parseXml(xml, {
    open(name) {
      if (name === 'si') cur = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && !phonetic) inT = true;
    },
    close(name) {
      if (name === 'si') out.push(cur);
      else if (name === 'rPh') phonetic--;
      else if (name === 't') inT = false;
    },
    text(t) {
      if (inT) cur += t;
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
function dateStyleIndexes(xml: string | null): Set<number> {
  const out = new Set<number>();
  if (xml === null) return out;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let index = 0;
  parseXml(xml, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
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

/** Excel date serial → ISO date (whole days; the time of day is dropped). */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2958465) return null;
  // Day 0 of the 1900 system is 1899-12-30 (Excel counts a 1900-02-29 that never was, so later serials line up).
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.floor(serial + 1e-9) * 86_400_000).toISOString().slice(0, 10);
}

/** "BC12" → [row 11, column 54] (0-based). */
function cellRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]) - 1, col - 1];
}

function readSheet(xml: string, strings: string[], dateStyles: Set<number>, date1904: boolean): Cell[][] {
  const grid: Cell[][] = [];
  const merges: string[] = [];
  let width = 0;
  let row = -1;
  let col = -1;
  // The cell being read.
  let type = '';
  let style = 0;
  let value = '';
  let inline = '';
  let hasValue = false;
  let hasInline = false;
  let into: 'v' | 't' | null = null;
  let phonetic = 0;
  parseXml(xml, {
    open(name, a) {
      switch (name) {
        case 'row':
          row = a.r ? Number(a.r) - 1 : row + 1;
          col = -1;
          while (grid.length <= row) grid.push([]);
          break;
        case 'c': {
          const at = a.r ? cellRef(a.r) : null;
          if (at) [row, col] = at;
          else col++;
          while (grid.length <= row) grid.push([]);
          type = a.t ?? 'n';
          style = Number(a.s ?? 0);
          value = inline = '';
          hasValue = hasInline = false;
          width = Math.max(width, col + 1);
          break;
        }
        case 'v':
          into = 'v';
          hasValue = true;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (!phonetic) {
            into = 't';
            hasInline = true;
          }
          break;
        case 'mergeCell':
          if (a.ref) merges.push(a.ref);
          break;
      }
    },
    text(t) {
      if (into === 'v') value += t;
      else if (into === 't') inline += t;
    },
    close(name) {
      if (name === 'v' || name === 't') into = null;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c') {
        const v = cellValue(type, style, value, hasValue, inline, hasInline, strings, dateStyles, date1904);
        if (v !== null) grid[row][col] = v;
      }
    },
  });
  for (const ref of merges) {
    const [from, to] = ref.split(':').map(cellRef);
    if (!from || !to) continue;
    const master = grid[from[0]]?.[from[1]] ?? null;
    for (let r = from[0]; r <= to[0]; r++) {
      while (grid.length <= r) grid.push([]);
      for (let c = from[1]; c <= to[1]; c++) grid[r][c] = master;
    }
    width = Math.max(width, to[1] + 1);
  }
  for (const cells of grid) for (let c = 0; c < width; c++) if (cells[c] === undefined) cells[c] = null;
  return grid;
}

function cellValue(type: string, style: number, v: string, hasValue: boolean, inline: string, hasInline: boolean, strings: string[], dateStyles: Set<number>, date1904: boolean): Cell {
  switch (type) {
    case 's':
      return hasValue ? (strings[Number(v)] ?? null) : null;
    case 'inlineStr':
      return hasInline ? inline : hasValue ? v : null;
    case 'str':
      return hasValue ? v : null;
    case 'b':
      return hasValue ? v === '1' || v === 'true' : null;
    case 'e':
      return null;
    case 'd': {
      const iso = /^\d{4}-\d{2}-\d{2}/.exec(v)?.[0];
      return iso ? { date: iso } : null;
    }
    default: {
      if (!hasValue || v.trim() === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n)) return null;
      if (dateStyles.has(style)) {
        const iso = serialToIsoDate(n, date1904);
        return iso ? { date: iso } : n;
      }
      return n;
    }
  }
}
