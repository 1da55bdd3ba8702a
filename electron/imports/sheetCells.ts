// One sheet's cells, read as its XML streams by (issue 11): only cells holding a value are kept, the
// extent is checked against Excel's limits and the import's before the padded grid is built, and
// merged ranges fill only cells that matter.
import type { Cell } from '../../shared/imports/normalise.js';
import { MAX_XML_TOKEN, XlsxError, XlsxLimitError, type Handlers } from './xmlPart.js';

/** Excel's own sheet size: 1,048,576 rows, 16,384 columns (A…XFD). */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
/**
 * What one import takes from a sheet: rows up to its last value, and cells as rows × columns of that
 * extent (the padded grid costs 8 bytes a cell). A real 100,000-row register of 32–50 columns fits.
 */
export const MAX_SHEET_ROWS = 200_000;
export const MAX_SHEET_CELLS = 8_000_000;
const MAX_MERGES = 200_000;

/** Excel date serial → ISO date (whole days; the time of day is dropped). */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2958465) return null;
  // Day 0 of the 1900 system is 1899-12-30 (Excel counts a 1900-02-29 that never was, so later serials line up).
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.floor(serial + 1e-9) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * "BC12" or "$BC$12" → [row 11, column 54] (0-based); null if not a cell reference. By hand, not by
 * regular expression: it runs for every cell (was ~7% of reading a sheet).
 */
function cellRef(ref: string): [number, number] | null {
  const n = ref.length;
  let i = ref.charCodeAt(0) === 36 ? 1 : 0;
  const lettersFrom = i;
  let col = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i) & ~32; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  if (i === lettersFrom || i - lettersFrom > 3) return null;
  if (ref.charCodeAt(i) === 36) i++;
  const digitsFrom = i;
  let row = 0;
  for (; i < n; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
  }
  if (i === digitsFrom) return null;
  if (row < 1) throw new XlsxError(`bad cell reference ${ref}`);
  // The message is built only when needed.
  if (row > EXCEL_MAX_ROWS || col > EXCEL_MAX_COLUMNS) inExcel(row - 1, col - 1, `单元格 ${ref.replace(/\$/g, '')}`);
  return [row - 1, col - 1];
}

const count = (n: number) => n.toLocaleString('en-US');

/** `where` names the place in Chinese: 「单元格 XFE2」, 「第 1,048,577 行」. */
function inExcel(row: number, col: number, where: string): void {
  if (row < EXCEL_MAX_ROWS && col < EXCEL_MAX_COLUMNS) return;
  throw new XlsxLimitError(
    `的${where.length > 30 ? where.slice(0, 30) + '…' : where} 超出了 Excel 的上限（${count(EXCEL_MAX_ROWS)} 行、${count(EXCEL_MAX_COLUMNS)} 列，即到 XFD 列）。Excel 和 WPS 不会保存这样的表格，文件可能已损坏或被改动过。`,
  );
}

/** Column index (0-based) → letters. */
function letters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const refOf = (row: number, col: number) => `${letters(col)}${row + 1}`;

/**
 * One sheet's cells, read as the XML streams by. Only cells holding a value are kept, in one array
 * per row that has any, so memory follows what the sheet holds: a lone cell at XFD1048576 is one
 * entry, not a million padded rows. finish() checks the extent before building the padded grid.
 */
export class SheetReader {
  private readonly rows = new Map<number, Cell[]>();
  /** The row array of `row`, once a value has landed in it. */
  private cur: Cell[] | null = null;
  private cells = 0;
  /** Extent of the values (0-based last row and column) and the cells that reach furthest. */
  private lastRow = -1;
  private lastCol = -1;
  private farDown: [number, number] = [0, 0];
  private farRight: [number, number] = [0, 0];
  /** Merged ranges as [row1, col1, row2, col2] runs. */
  private readonly merges: number[] = [];
  private row = -1;
  private col = -1;
  // The cell being read.
  private type = '';
  private style = 0;
  private value = '';
  private inline = '';
  private hasValue = false;
  private hasInline = false;
  private into: 'v' | 't' | null = null;
  private phonetic = 0;

  constructor(
    private readonly strings: string[],
    private readonly dateStyles: Set<number>,
    private readonly date1904: boolean,
  ) {}

  readonly handlers: Handlers = {
    open: (name, a) => {
      switch (name) {
        case 'row': {
          const r = a.r ? Number(a.r) - 1 : this.row + 1;
          if (!Number.isInteger(r) || r < 0) throw new XlsxError(`bad row number ${a.r}`);
          if (r >= EXCEL_MAX_ROWS) inExcel(r, 0, `第 ${count(r + 1)} 行`);
          this.moveTo(r);
          this.col = -1;
          break;
        }
        case 'c': {
          const at = a.r ? cellRef(a.r) : null;
          if (at) {
            this.moveTo(at[0]);
            this.col = at[1];
          } else if (++this.col >= EXCEL_MAX_COLUMNS) inExcel(this.row, this.col, `单元格 ${refOf(this.row, this.col)}`);
          if (this.row < 0) throw new XlsxError('a cell outside any row');
          this.type = a.t ?? 'n';
          this.style = Number(a.s ?? 0);
          this.value = this.inline = '';
          this.hasValue = this.hasInline = false;
          break;
        }
        case 'v':
          this.into = 'v';
          this.hasValue = true;
          break;
        case 'rPh':
          this.phonetic++;
          break;
        case 't':
          if (!this.phonetic) {
            this.into = 't';
            this.hasInline = true;
          }
          break;
        case 'mergeCell': {
          const [from, to] = (a.ref ?? '').split(':').map(cellRef);
          if (!from || !to || from[0] > to[0] || from[1] > to[1]) break;
          if (this.merges.length >= MAX_MERGES * 4) throw new XlsxLimitError(`有超过 ${count(MAX_MERGES)} 个合并单元格，不像正常的台账，已停止读取。请取消不需要的合并后再导入。`);
          this.merges.push(from[0], from[1], to[0], to[1]);
          break;
        }
      }
    },
    text: (t) => {
      if (this.into === 'v') this.value += t;
      else if (this.into === 't') this.inline += t;
      else return;
      if (this.value.length + this.inline.length > MAX_XML_TOKEN) throw new XlsxLimitError(`的 ${refOf(this.row, this.col)} 单元格文字超过 ${MAX_XML_TOKEN / 1024 ** 2} MB，Excel 的单元格最多 32,767 个字，已停止读取。`);
    },
    close: (name) => {
      if (name === 'v' || name === 't') this.into = null;
      else if (name === 'rPh') this.phonetic--;
      else if (name === 'c') {
        const v = cellValue(this.type, this.style, this.value, this.hasValue, this.inline, this.hasInline, this.strings, this.dateStyles, this.date1904);
        if (v !== null) this.put(this.row, this.col, v);
      }
    },
  };

  private moveTo(row: number): void {
    if (row !== this.row) {
      this.row = row;
      this.cur = null;
    }
  }

  private put(row: number, col: number, v: Cell): void {
    if (++this.cells > MAX_SHEET_CELLS) throw new XlsxLimitError(`有超过 ${MAX_SHEET_CELLS / 10_000} 万个单元格有内容，超出一次导入的范围。请把台账拆成几个文件分批导入。`);
    (this.cur ??= this.rowArray(row))[col] = v;
    if (row > this.lastRow || col > this.lastCol) this.reach(row, col);
  }

  private rowArray(row: number): Cell[] {
    let cells = this.rows.get(row);
    if (!cells) this.rows.set(row, (cells = []));
    return cells;
  }

  /** A value further down or right than any before: refused at once when the extent is out of bounds. */
  private reach(row: number, col: number): void {
    if (row > this.lastRow) {
      this.lastRow = row;
      this.farDown = [row, col];
    }
    if (col > this.lastCol) {
      this.lastCol = col;
      this.farRight = [row, col];
    }
    const height = this.lastRow + 1;
    if (height > MAX_SHEET_ROWS || height * (this.lastCol + 1) > MAX_SHEET_CELLS) throw this.tooFar();
  }

  private tooFar(): XlsxLimitError {
    // Too many rows: the lowest value is to blame; too many cells: the lowest and the rightmost.
    const blamed = this.lastRow + 1 > MAX_SHEET_ROWS ? [this.farDown] : [this.farDown, this.farRight];
    const far = [...new Set(blamed.map((at) => refOf(...at)))].join(' 和 ');
    return new XlsxLimitError(
      `的内容一直延伸到第 ${count(this.lastRow + 1)} 行、第 ${count(this.lastCol + 1)} 列（最远的单元格：${far}），超出一次导入的范围（最多 ${MAX_SHEET_ROWS / 10_000} 万行，行数 × 列数最多 ${MAX_SHEET_CELLS / 10_000} 万）。` +
        '常见原因是远处有误输入的单元格：请在 Excel 或 WPS 中按 Ctrl+End 找到它，删除多余的行和列，或只把台账部分复制到新工作表，再导入。',
    );
  }

  /**
   * Merged ranges carry their master's value into every cell, as Excel shows them. A merge that would
   * push the grid past the import's bounds (a whole row or column merged, or a crafted A1:XFD1048576)
   * fills only the cells inside the extent of the values: the copies beyond carry nothing.
   */
  private fillMerges(): void {
    const boxRow = this.lastRow;
    const boxCol = this.lastCol;
    let filled = 0;
    const m = this.merges;
    for (let i = 0; i < m.length; i += 4) {
      const [r1, c1] = [m[i], m[i + 1]];
      let [r2, c2] = [m[i + 2], m[i + 3]];
      const master = this.rows.get(r1)?.[c1] ?? null;
      // A merge of empty cells carries nothing.
      if (master === null) continue;
      const height = Math.max(this.lastRow, r2) + 1;
      const area = (r2 - r1 + 1) * (c2 - c1 + 1);
      if (height > MAX_SHEET_ROWS || height * (Math.max(this.lastCol, c2) + 1) > MAX_SHEET_CELLS || filled + area > MAX_SHEET_CELLS) {
        r2 = Math.min(r2, boxRow);
        c2 = Math.min(c2, boxCol);
        // Its master was filled in by an earlier merge, outside the values: nothing to carry.
        if (r2 < r1 || c2 < c1) continue;
        if (filled + (r2 - r1 + 1) * (c2 - c1 + 1) > MAX_SHEET_CELLS) {
          throw new XlsxLimitError(`的合并单元格 ${refOf(r1, c1)}:${refOf(m[i + 2], m[i + 3])} 范围过大，合并后超出一次导入的范围。请取消这些合并后再导入。`);
        }
      }
      filled += (r2 - r1 + 1) * (c2 - c1 + 1);
      for (let r = r1; r <= r2; r++) {
        const cells = this.rowArray(r);
        for (let c = c1; c <= c2; c++) cells[c] = master;
      }
      if (r2 > this.lastRow) this.lastRow = r2;
      if (c2 > this.lastCol) this.lastCol = c2;
    }
  }

  /** The padded grid: rows 1 to the last holding a value, each as wide as the widest; empty cells null. */
  finish(): Cell[][] {
    this.fillMerges();
    const width = this.lastCol + 1;
    const grid: Cell[][] = new Array(this.lastRow + 1);
    for (let r = 0; r <= this.lastRow; r++) {
      const cells = this.rows.get(r);
      if (!cells) {
        grid[r] = new Array<Cell>(width).fill(null);
        continue;
      }
      for (let c = 0; c < width; c++) if (cells[c] === undefined) cells[c] = null;
      grid[r] = cells;
    }
    return grid;
  }
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
