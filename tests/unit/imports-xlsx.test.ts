// The import's own .xlsx reader (electron/imports/xlsx.ts) against exceljs, the library it replaced
// for speed: the same grid on every sheet exceljs can write, and the parts of the format exceljs
// does not write (inline strings, cells without addresses, x: prefixes, phonetic guides, 1904 dates).
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isDateFormat, openXlsx, serialToIsoDate, XlsxError } from '../../electron/imports/xlsx.js';
import { readSheetFile } from '../../electron/imports/sheet.js';
import type { Cell } from '../../shared/imports/normalise.js';
import { messyWorkbook } from './fixtures/messy.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ok, tempCore } from './helpers.js';
import type { ImportReport } from '../../shared/imports/report.js';

/** The grid as exceljs reads it (the reader the import used before): merged cells carry the master's value. */
async function exceljsGrids(bytes: Buffer): Promise<Record<string, Cell[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const toCell = (v: ExcelJS.CellValue): Cell => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (v instanceof Date) return { date: v.toISOString().slice(0, 10) };
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return toCell((v.result ?? null) as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    return null;
  };
  const out: Record<string, Cell[][]> = {};
  for (const ws of wb.worksheets) {
    const grid: Cell[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      grid.push(Array.from({ length: ws.columnCount }, (_, c) => toCell(row.getCell(c + 1).value)));
    }
    out[ws.name] = grid;
  }
  return out;
}

function ourGrids(bytes: Uint8Array): Record<string, Cell[][]> {
  const book = openXlsx(bytes);
  return Object.fromEntries(book.sheets.map((s) => [s.name, book.grid(s)]));
}

/** Every kind of value a register sheet holds, as Excel and WPS save them. */
async function featureWorkbook(date1904 = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet('台账');
  ws.addRow(['编号', '事项名称', '涉及人数', '化解时限', '极端', '备注', '金额']);
  ws.addRow(['JC-1', { richText: [{ text: '滨江' }, { text: '花园', font: { bold: true } }] }, 300, new Date(Date.UTC(2024, 2, 5)), true, { formula: 'A1&"x"', result: '编号x' }, 12.5]);
  ws.addRow(['JC-2', 'A & B <C> "引号"', { formula: 'C2*2', result: 600 }, 45356, false, { text: '链接', hyperlink: 'http://intranet/' }, { error: '#N/A' }]);
  ws.addRow(['JC-3', '  前后空格  ', '约300人', '按季研判', null, '多行\n文本', 0]);
  ws.getCell('D4').value = new Date(Date.UTC(2023, 11, 31));
  ws.getCell('D4').numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell('G2').numFmt = '#,##0.00" 万元"';
  ws.getCell('C2').numFmt = '0.00E+00';
  ws.getCell('J6').value = '远处的单元格';
  ws.mergeCells('A7:C8');
  ws.getCell('A7').value = '合并的块';
  const hidden = wb.addWorksheet('隐藏');
  hidden.state = 'hidden';
  hidden.addRow(['不该被选中']);
  wb.addWorksheet('空表');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the import .xlsx reader', () => {
  it('reads every sheet exactly as exceljs does: the messy register and a sheet of every value kind', async () => {
    for (const bytes of [(await messyWorkbook()).bytes, await featureWorkbook(), await featureWorkbook(true)]) {
      const ours = ourGrids(bytes);
      expect(Object.keys(ours)).toEqual(Object.keys(await exceljsGrids(bytes)));
      expect(ours).toEqual(await exceljsGrids(bytes));
    }
    const g = ourGrids(await featureWorkbook())['台账'];
    // Spot checks that do not depend on exceljs.
    expect(g[1].slice(0, 5)).toEqual(['JC-1', '滨江花园', 300, { date: '2024-03-05' }, true]);
    expect(g[2][1]).toBe('A & B <C> "引号"');
    expect(g[3][3]).toEqual({ date: '2023-12-31' });
    expect(g[1][6]).toBe(12.5);
    expect(g[6].slice(0, 3)).toEqual(['合并的块', '合并的块', '合并的块']);
    expect(g[7].slice(0, 3)).toEqual(['合并的块', '合并的块', '合并的块']);
  });

  it('reads what other writers emit: inline strings, cells and rows without addresses, x: prefixes, phonetic guides, 1904 dates', () => {
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const bytes = zipSync({
      '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>'),
      'xl/workbook.xml': strToU8(`<x:workbook ${ns}><x:workbookPr date1904="1"/><x:sheets><x:sheet name="表一" sheetId="1" r:id="rId7"/><x:sheet name="图表" sheetId="2" r:id="rId8"/></x:sheets></x:workbook>`),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/../worksheets/s1.xml"/>' +
          '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/c1.xml"/></Relationships>',
      ),
      'xl/sharedStrings.xml': strToU8('<x:sst><x:si><x:r><x:t>东</x:t></x:r><x:r><x:t xml:space="preserve"> 城</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ひがし</x:t></x:rPh></x:si><x:si><x:t>&#x4E2D;&amp;</x:t></x:si></x:sst>'),
      'xl/styles.xml': strToU8('<x:styleSheet><x:numFmts><x:numFmt numFmtId="164" formatCode="yyyy/m/d;@"/></x:numFmts><x:cellStyleXfs><x:xf numFmtId="14"/></x:cellStyleXfs><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="164"/><x:xf numFmtId="31"/></x:cellXfs></x:styleSheet>'),
      'xl/worksheets/s1.xml': strToU8(
        `<x:worksheet ${ns}><x:sheetData>` +
          '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c></x:row>' +
          '<x:row><x:c s="1"><x:v>0</x:v></x:c><x:c s="2"><x:v>43891</x:v></x:c><x:c t="d"><x:v>2024-03-05T00:00:00</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>公式</x:v></x:c></x:row>' +
          '<x:row r="5"><x:c r="B5" t="b"><x:v>0</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c><x:c><x:v>7</x:v></x:c></x:row>' +
          '</x:sheetData><x:mergeCells><x:mergeCell ref="D5:E6"/></x:mergeCells></x:worksheet>',
      ),
    });
    const book = openXlsx(bytes);
    expect(book.sheets.map((s) => s.name)).toEqual(['表一']);
    expect(book.grid(book.sheets[0])).toEqual([
      ['东 城', '中&', '内联', null, null],
      [{ date: '1904-01-01' }, { date: '2024-03-02' }, { date: '2024-03-05' }, '公式', null],
      [null, null, null, null, null],
      [null, null, null, null, null],
      [null, false, null, 7, 7],
      [null, null, null, 7, 7],
    ]);
  });

  it('a sheet saved by another program (the messy register opened and saved by LibreOffice Calc 7.4) imports exactly as the original', async () => {
    // fixtures/messy-libreoffice.xlsx: messyWorkbook() converted with `soffice --convert-to xlsx` (its own
    // XML style: every cell styled, empty strings dropped, custom document properties).
    const resaved = readFileSync(join(import.meta.dirname, 'fixtures', 'messy-libreoffice.xlsx'));
    const original = (await messyWorkbook()).bytes;
    const blank = (g: Cell[][]) => g.map((r) => r.map((c) => (c === '' ? null : c)));
    const a = await readSheetFile('台账.xlsx', original, '台账');
    const b = await readSheetFile('台账.xlsx', resaved, '台账');
    expect(blank(b.grid).map((r) => r.slice(0, 13))).toEqual(blank(a.grid).map((r) => r.slice(0, 13)));
    const { dispatch } = tempCore();
    const preview = (bytes: Buffer) => ok<ImportReport>(dispatch, 'imports.preview', { fileName: '台账.xlsx', dataBase64: bytes.toString('base64'), sheet: '台账' });
    const [pa, pb] = [await preview(original), await preview(resaved)];
    expect(pb.counts).toEqual(pa.counts);
    expect(pb.rows).toEqual(pa.rows);
    expect(pa.counts.created).toBeGreaterThan(0);
  });

  it('date formats and serials', () => {
    for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '[$-804]yyyy年m月d日', 'm/d/yy h:mm', 'hh:mm:ss', '[DBNum1][$-804]yyyy"年"m"月"']) expect(isDateFormat(f), f).toBe(true);
    for (const f of ['General', '0.00', '#,##0" 人"', '0.00E+00', '[Red]#,##0;[Blue]-#,##0', '@', '0"户"', '_(* #,##0_)']) expect(isDateFormat(f), f).toBe(false);
    expect(serialToIsoDate(45356, false)).toBe('2024-03-05');
    expect(serialToIsoDate(61, false)).toBe('1900-03-01');
    expect(serialToIsoDate(45356.75, false)).toBe('2024-03-05');
    expect(serialToIsoDate(0, true)).toBe('1904-01-01');
    expect(serialToIsoDate(-1, false)).toBeNull();
  });

  it('a file that is not a workbook, or a damaged sheet, is refused in Chinese', async () => {
    expect(() => openXlsx(Buffer.from('PK\u0003\u0004 not really a zip'))).toThrow(XlsxError);
    await expect(readSheetFile('坏.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toThrow(/无法作为 .xlsx 打开/);
    const good = await featureWorkbook();
    const files = (await import('fflate')).unzipSync(good);
    files['xl/worksheets/sheet1.xml'] = strToU8('<worksheet><sheetData><row><c><v>1</v></row></sheetData>');
    await expect(readSheetFile('坏.xlsx', Buffer.from(zipSync(files)))).rejects.toThrow(/工作表「台账」无法读取/);
  });
});

describe('the extent of a sheet is where its values are', () => {
  it('formatted empty rows and cells past the values are left out; a merge past the values still fills', async () => {
    const { workbook, sheetXml, text } = await import('./fixtures/hostile.js');
    // Excel writes a formatted cell with no value as <c r=".." s=".."/>; bureaus format far past their data.
    const rows =
      `<row r="1">${text('A1', '编号')}${text('B1', '事项名称')}<c r="C1" s="1"/></row>` +
      `<row r="2">${text('A2', 'JC-1')}<c r="B2"><v>5</v></c><c r="H2" s="1"/></row>` +
      '<row r="3" customHeight="1" ht="30"/>' +
      `<row r="4">${text('A4', '合并')}</row>` +
      '<row r="900" s="1" customFormat="1"><c r="A900" s="1"/><c r="Z900" s="1"/></row>';
    const bytes = workbook(sheetXml(rows, { after: '<mergeCells count="1"><mergeCell ref="A4:C5"/></mergeCells>' }));
    const book = openXlsx(bytes);
    expect(book.grid(book.sheets[0])).toEqual([
      ['编号', '事项名称', null],
      ['JC-1', 5, null],
      [null, null, null],
      ['合并', '合并', '合并'],
      ['合并', '合并', '合并'],
    ]);
  });
});

describe('cell references', () => {
  it('as some writers emit them: lower case, $-anchored; the last column XFD is inside Excel', async () => {
    const { workbook, sheetXml } = await import('./fixtures/hostile.js');
    const book = openXlsx(workbook(sheetXml('<row r="1"><c r="a1"><v>1</v></c><c r="$B$1"><v>2</v></c><c r="c$1"><v>3</v></c></row><row r="2"><c r="XFD2"><v>4</v></c></row>')));
    const grid = book.grid(book.sheets[0]);
    expect(grid.map((r) => r.length)).toEqual([16384, 16384]);
    expect(grid[0].slice(0, 4)).toEqual([1, 2, 3, null]);
    expect(grid[1][16383]).toBe(4);
    expect(grid[1].filter((c) => c !== null)).toEqual([4]);
  });
});
