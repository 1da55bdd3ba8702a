// The export's .xlsx writer, read back by exceljs (an independent reader) and by the import's reader.
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { columnLetters, xmlText, XlsxWriter } from '../../electron/imports/xlsxWriter.js';
import { openXlsx } from '../../electron/imports/xlsx.js';

async function sample(): Promise<Buffer> {
  const wb = new XlsxWriter();
  const header = wb.style({ bold: true, color: 'FFFFFF', fill: '7F1D1D', centred: true });
  const red = wb.style({ bold: true, color: 'FFFFFF', fill: 'C0392B' });
  expect(wb.style({ bold: true, color: 'FFFFFF', fill: 'C0392B' })).toBe(red);
  const s1 = wb.addSheet('台账/草稿:1', [{ header: '编号', width: 14 }, { header: '名称', width: 36 }, { header: '人数', width: 8 }, { header: '等级', width: 10 }], header);
  s1.addRow(['JC-1', 'A & B <C> "引号"', 300, '重大'], (v, i) => (i === 3 ? red : 0));
  s1.addRow(['JC-2', '  前后空格 ', -1.25, null]);
  s1.addRow(['JC-3', '第一行\n第二行\u000b第三行\u0001结束 😀 \ud800孤', 0, '']);
  const s2 = wb.addSheet('第二张', [{ header: '只有表头', width: 20 }], header);
  expect(s2.rows).toBe(1);
  return wb.finish();
}

describe('the export .xlsx writer', () => {
  it('writes values, styles, widths and a frozen header that exceljs reads back', async () => {
    const bytes = await sample();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['台账_草稿_1', '第二张']);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '编号', '名称', '人数', '等级']);
    expect(ws.getRow(2).values).toEqual([undefined, 'JC-1', 'A & B <C> "引号"', 300, '重大']);
    expect(ws.getRow(3).values).toEqual([undefined, 'JC-2', '  前后空格 ', -1.25]);
    expect(ws.getRow(4).values).toEqual([undefined, 'JC-3', '第一行\n第二行\n第三行 结束 😀 \ufffd孤', 0]);
    expect(ws.getColumn(2).width).toBe(36);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const head = ws.getCell('A1');
    expect(head.font).toMatchObject({ bold: true, color: { argb: 'FFFFFFFF' } });
    expect(head.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF7F1D1D' } });
    expect(head.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(ws.getCell('D2').fill).toMatchObject({ fgColor: { argb: 'FFC0392B' } });
    expect(ws.getCell('C2').fill).toBeUndefined();
    expect(wb.worksheets[1].getRow(1).values).toEqual([undefined, '只有表头']);
  });

  it('is read back by the import reader cell for cell, and every part is well-formed XML', async () => {
    const bytes = await sample();
    const book = openXlsx(bytes);
    expect(book.grid(book.sheets[0])).toEqual([
      ['编号', '名称', '人数', '等级'],
      ['JC-1', 'A & B <C> "引号"', 300, '重大'],
      ['JC-2', '  前后空格 ', -1.25, null],
      ['JC-3', '第一行\n第二行\n第三行 结束 😀 \ufffd孤', 0, null],
    ]);
    const parts = unzipSync(bytes);
    expect(Object.keys(parts).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'docProps/app.xml', 'docProps/core.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    const { SaxesParser } = await import('saxes');
    for (const [name, data] of Object.entries(parts)) expect(() => new SaxesParser().write(strFromU8(data)).close(), name).not.toThrow();
  });

  it('escapes text and names columns', () => {
    expect(xmlText('普通文字')).toBe('普通文字');
    expect(xmlText('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
    expect(xmlText('a\u0000b\u001fc\u000bd')).toBe('a b c\nd');
    expect(xmlText('x\udc00y')).toBe('x\ufffdy');
    expect(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA'].map((_, i) => columnLetters([0, 25, 26, 51, 52, 701, 702][i]))).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
