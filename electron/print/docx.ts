// The Word writer: the same document model as the print route, as .docx for editing in WPS/Word
// before issuing. Same page set-up (A4, 37/28 mm, 22 × 28 grid), fonts on every run with the East
// Asian font set explicitly (Word otherwise falls back to the theme font), odd/even page numbers.
import {
  AlignmentType, BorderStyle, Document, DocumentGridType, Footer, LineRuleType, NoBreakHyphen, OverlapType, Packer, RelativeVerticalPosition, TableAnchorType, PageBreak, PageNumber,
  PageOrientation, Paragraph, ImageRun, ShadingType, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType, type IRunOptions,
} from 'docx';
import JSZip from 'jszip';
import { keepsWithNext, UNBREAKABLE, type Block, type Doc, type Masthead } from '../../shared/briefs/model.js';
import { heatShadeHex } from '../../shared/briefs/shade.js';

const MM = 56.6929; // twips per millimetre
const mm = (x: number) => Math.round(x * MM);
const LINE = 579; // 28.95 pt in twips: 22 lines in the 225 mm block
const CHAR = 316; // 15.79 pt: one character on the 28-per-line grid
// 28 characters of 16 pt are 448 pt, wider than the 156 mm (442.2 pt) line. A character grid does not
// help LibreOffice (a 16 pt character on a 15.8 pt grid takes two cells), so the grid is a line grid
// and body runs are condensed by 0.25 pt: 28 × 15.75 = 441 pt fits, 29 do not.
const BODY_SPACING = -5; // twips

const FONTS = {
  fang: '仿宋_GB2312',
  title: '方正小标宋简体',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
} as const;
type Face = keyof typeof FONTS;

function run(text: string, face: Face, pt: number, extra: Partial<IRunOptions> = {}): TextRun[] {
  const f = FONTS[face];
  // Latin text in 公文 is set in Times New Roman; CJK in the named face.
  const latin = face === 'fang' || face === 'song' ? 'Times New Roman' : f;
  const props = { size: Math.round(pt * 2), font: { ascii: latin, hAnsi: latin, eastAsia: f, cs: f }, characterSpacing: pt === 16 ? BODY_SPACING : undefined, ...extra };
  return unbroken(text).map((children) => (children === GLUE ? new TextRun({ ...props, text: GLUE, vanish: true }) : new TextRun({ ...props, children })));
}

/**
 * LibreOffice 7.4 keeps a code or date whole only with hidden text in it: it breaks a code after its
 * non-breaking hyphen next to Chinese text, and a date at any digit/年月日 boundary, whatever the
 * joiners (U+2060/200D/FEFF), languages or kinsoku lists (each tried), but no line at a hidden space
 * (measured; a hidden U+2060 does not work). So a hidden space goes before each code, and after each
 * non-digit and before each non-digit of a date or 督办〔2026〕3号 (inside a code it would let it
 * break). Word neither shows nor prints hidden text. A code's hyphens are Word's non-breaking hyphen
 * (<w:noBreakHyphen/>, ECMA-376 §17.3.3.18: drawn as "-", never a line break).
 */
const GLUE = ' ';

/** Runs' contents: plain text; codes and dates (UNBREAKABLE) in pieces with GLUE (a hidden run) as above. */
export function unbroken(text: string): (typeof GLUE | (string | NoBreakHyphen)[])[] {
  const out: (typeof GLUE | (string | NoBreakHyphen)[])[] = [];
  text.split(UNBREAKABLE).forEach((part, i) => {
    if (!part) return;
    if (i % 2 === 0) return void out.push([part]);
    const pieces = part.includes('-') ? [part] : part.split(/(?<=\D)|(?<=\d)(?=\D)/);
    pieces.forEach((piece, k) => {
      if (k > 0 || part.includes('-')) out.push(GLUE);
      out.push(piece.split('-').flatMap((seg, j) => [...(j ? [new NoBreakHyphen()] : []), ...(seg ? [seg] : [])]));
    });
  });
  return out.length ? out : [[]];
}

function para(children: TextRun[], o: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; right?: number; line?: number; before?: number; after?: number; keepNext?: boolean; left?: number; hanging?: number; free?: boolean } = {}): Paragraph {
  return new Paragraph({
    children,
    style: o.free ? CELL_STYLE : undefined,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    indent: { firstLine: o.indent ? 2 * CHAR : undefined, right: o.right, left: o.left ?? o.hanging, hanging: o.hanging },
    spacing: { line: o.line ?? LINE, lineRule: LineRuleType.EXACT, before: o.before ?? 0, after: o.after ?? 0 },
    keepNext: o.keepNext,
  });
}

function masthead(m: Masthead): Paragraph[] {
  const out: Paragraph[] = [];
  for (const s of [m.copyNo, m.secret, m.urgency]) if (s) out.push(para([...run(s, 'hei', 16)], { align: AlignmentType.LEFT }));
  if (m.internal) out.push(para([...run('内部资料 注意保存', 'hei', 16)], { align: AlignmentType.RIGHT }));
  const mark = m.organ + (m.docName ?? '');
  const pt = Math.min(36, Math.floor(420 / Math.max(1, [...mark].length)));
  out.push(para([...run(mark, 'title', pt, { color: m.style === 'red' ? 'E60012' : '000000', bold: true })], { align: AlignmentType.CENTER, line: Math.round(pt * 20 * 1.4), before: 200, after: 200, free: true }));
  if (m.issue || m.signer) {
    const kids = [...run(m.issue ?? '', 'fang', 16)];
    if (m.signer) kids.push(...run('\t签发人：', 'hei', 16), ...run(m.signer, 'kai', 16));
    out.push(new Paragraph({ children: kids, alignment: m.signer ? AlignmentType.LEFT : AlignmentType.CENTER, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, tabStops: m.signer ? [{ type: 'right', position: mm(156) - CHAR }] : [] }));
  }
  if (m.editor || m.issueDateText) {
    out.push(new Paragraph({ children: [...run(m.editor ?? '', 'fang', 16), ...run('\t' + (m.issueDateText ?? ''), 'fang', 16)], indent: { left: CHAR }, tabStops: [{ type: 'right', position: mm(156) - 2 * CHAR }], spacing: { line: LINE, lineRule: LineRuleType.EXACT } }));
  }
  // The red rule: a bottom border on an empty paragraph, as wide as the text block.
  if (m.style === 'red') out.push(new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'E60012', space: 1 } }, spacing: { line: 240, lineRule: LineRuleType.EXACT } }));
  out.push(para([]), para([]));
  return out;
}

const cellBorder = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };

function cell(text: string, widthTw: number, o: { header?: boolean; pt: number; align?: 'left' | 'center' | 'right'; fill?: string; span?: number; tight?: boolean }): TableCell {
  return new TableCell({
    // Cells keep their own line height: snapped to the 28.95 pt grid, each table row would take a grid line or two.
    children: [new Paragraph({ children: [...run(text, o.header ? 'hei' : 'fang', o.pt)], style: CELL_STYLE, spacing: { line: Math.round(o.pt * (o.tight ? 1.2 : 1.4) * 20), lineRule: LineRuleType.EXACT }, alignment: o.header || o.align === 'center' ? AlignmentType.CENTER : o.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT })],
    width: { size: widthTw, type: WidthType.DXA },
    columnSpan: o.span,
    borders,
    verticalAlign: VerticalAlign.CENTER,
    margins: o.tight ? { left: 60, right: 60, top: 10, bottom: 10 } : { left: 80, right: 80, top: 40, bottom: 40 },
    shading: o.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: o.fill } : undefined,
  });
}

function table(rows: TableRow[], widths: number[]): Table {
  return new Table({ rows, columnWidths: widths, width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA } });
}

function blockToDocx(b: Block, textWidth: number, images: Buffer[], kind: Doc['kind']): (Paragraph | Table)[] {
  switch (b.t) {
    case 'p': {
      const align = b.align === 'center' ? AlignmentType.CENTER : b.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED;
      return [para([...run(b.text, 'fang', 16, { bold: b.bold })], { indent: b.indent !== false, align })];
    }
    case 'h':
      return [para([...run(b.text, b.level === 1 ? 'hei' : b.level === 2 ? 'kai' : 'fang', 16)], { indent: true, keepNext: keepsWithNext(b) })];
    case 'table': {
      const total = b.columns.reduce((a, c) => a + c.width, 0);
      const widths = b.columns.map((c) => Math.floor((c.width / total) * textWidth));
      const pt = b.fontPt ?? 12;
      const header = b.header ?? [b.columns.map((c) => ({ text: c.title, span: 1 }))];
      const rows = [
        ...header.map((r) => {
          let col = 0;
          return new TableRow({ tableHeader: true, cantSplit: true, children: r.map((c) => { const span = c.span ?? 1; const w = widths.slice(col, (col += span)).reduce((a, x) => a + x, 0); return cell(c.text, w, { header: true, pt, span: span > 1 ? span : undefined }); }) });
        }),
        ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, j) => cell(c, widths[j], { pt, align: b.columns[j]?.align })) })),
      ];
      return [...(b.caption ? [para([...run(b.caption, 'hei', 14)], { align: AlignmentType.CENTER, keepNext: true })] : []), table(rows, widths)];
    }
    case 'heatmap': {
      const n = b.colLabels.length + 2;
      // The domain column is wider (22 %), so names like 异常重复投信 stay on one line.
      const first = Math.round(textWidth * 0.22);
      const widths = [first, ...Array.from({ length: n - 1 }, () => Math.floor((textWidth - first) / (n - 1)))];
      // The 专报's table is compact (10.5 pt, tight rows) like on its PDF, so it stays beside the summary.
      const hs = kind === 'weekly' ? { pt: 10.5, tight: true } : { pt: 12 };
      const rows = [
        new TableRow({ tableHeader: true, cantSplit: true, children: ['领域', ...b.colLabels, '合计'].map((t, i) => cell(t, widths[i], { header: true, ...hs })) }),
        ...b.rowLabels.map((r, i) => new TableRow({ cantSplit: true, children: [cell(r, widths[0], { header: true, ...hs }), ...b.counts[i].map((c, j) => cell(String(c), widths[j + 1], { ...hs, align: 'center', fill: heatShadeHex(c, b.counts, b.colHex?.[j]) })), cell(String(b.counts[i].reduce((a, x) => a + x, 0)), widths[n - 1], { ...hs, align: 'center' })] })),
      ];
      return [para([...run(b.caption, 'hei', 14)], { align: AlignmentType.CENTER, keepNext: true }), table(rows, widths)];
    }
    case 'trend': {
      const png = images.shift();
      if (png) {
        // The chart as drawn by the print route (3× pixels), 140 mm wide like on paper.
        const w = Math.round((140 / 25.4) * 96);
        const h = Math.round((w * 218) / 440);
        return [para([...run(b.caption, 'hei', 14)], { align: AlignmentType.CENTER, keepNext: true }), new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png, transformation: { width: w, height: h }, altText: { name: b.caption, description: b.caption, title: b.caption } })] })];
      }
      // Without a browser (no printer in this host) Word gets the trend's numbers as a small table.
      const n = b.labels.length + 1;
      const widths = Array.from({ length: n }, (_, i) => Math.floor(textWidth / n) + (i === 0 ? textWidth % n : 0));
      const rows = [
        new TableRow({ tableHeader: true, cantSplit: true, children: ['', ...b.labels].map((t, i) => cell(t, widths[i], { header: true, pt: 10.5 })) }),
        ...b.series.map((s) => new TableRow({ cantSplit: true, children: [cell(s.name, widths[0], { header: true, pt: 10.5 }), ...s.values.map((v, j) => cell(String(v), widths[j + 1], { pt: 10.5, align: 'center' }))] })),
      ];
      return [para([...run(b.caption, 'hei', 14)], { align: AlignmentType.CENTER, keepNext: true }), table(rows, widths)];
    }
    case 'attendance':
      return [para([]), ...b.rows.map((r) => para([...run(r.label, 'hei', 16), ...run(r.names, 'fang', 16)], { left: 5 * CHAR, hanging: 3 * CHAR, align: AlignmentType.LEFT }))];
    case 'signature':
      return [para([]), ...(b.organ ? [para([...run(b.organ, 'fang', 16)], { align: AlignmentType.RIGHT, right: 2 * CHAR })] : []), para([...run(b.date, 'fang', 16)], { align: AlignmentType.RIGHT, right: 4 * CHAR })];
    case 'receipt':
      return [para([]), new Paragraph({ children: b.labels.flatMap((l, i) => [...run((i ? '\t' : '') + l, 'fang', 14)]), tabStops: b.labels.slice(1).map((_, i) => ({ type: 'left' as const, position: Math.round(((i + 1) * textWidth) / b.labels.length) })), border: { top: { style: BorderStyle.DASHED, size: 6, color: '000000', space: 4 } } })];
    case 'title':
      return [para([...run(b.text, 'title', 22, { bold: true })], { align: AlignmentType.CENTER, after: LINE, free: true })];
    case 'pagebreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

/**
 * 版记: 4号仿宋 one character in, first and last rules 0.35 mm (sz 8 = 1 pt ≈ 0.35 mm), the rule
 * between 0.25 mm (sz 6 = 0.75 pt), as wide as the block. On portrait pages it is a one-column table
 * floating at the bottom of the text block (w:tblpPr vertAnchor margin, tblpYSpec bottom), so its
 * last rule is the block's lower edge on the last page; it is anchored to the paragraph after it,
 * the document's last, so when the body leaves no room it moves to a new page with that paragraph.
 * Horizontally it is placed from the page edge at the left margin: LibreOffice leaves a floating
 * table as wide as the text area in the flow (measured: 7.4), but not one placed against the page.
 * No cell margins (LibreOffice shifts a floating table left by them; Word may not), the text is
 * indented instead. Rows are 26 pt, so with its rules the 版记 takes at most two grid lines (one
 * without 抄送) and fits wherever the body leaves that much room.
 */
function colophon(c: NonNullable<Doc['colophon']>, textWidth: number, foot: boolean, left: number): (Paragraph | Table)[] {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const line = (children: TextRun[], extra: object = {}) =>
    new TableRow({
      cantSplit: true,
      children: [new TableCell({ width: { size: textWidth, type: WidthType.DXA }, children: [new Paragraph({ children, style: CELL_STYLE, indent: { left: 280, right: 280 }, spacing: { line: 520, lineRule: LineRuleType.EXACT }, ...extra })] })],
    });
  const rows = [
    ...(c.cc ? [line([...run(c.cc, 'fang', 14)])] : []),
    line([...run(c.printer, 'fang', 14), ...run('\t' + c.printDate, 'fang', 14)], { tabStops: [{ type: 'right', position: textWidth - 280 }] }),
  ];
  const t = new Table({
    rows,
    columnWidths: [textWidth],
    width: { size: textWidth, type: WidthType.DXA },
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    borders: { top: thick, bottom: thick, insideHorizontal: { ...thick, size: 6 }, left: none, right: none, insideVertical: none },
    float: foot ? { horizontalAnchor: TableAnchorType.PAGE, absoluteHorizontalPosition: left, verticalAnchor: TableAnchorType.MARGIN, relativeVerticalPosition: RelativeVerticalPosition.BOTTOM, overlap: OverlapType.NEVER } : undefined,
  });
  // The paragraph the table is anchored to (a document ends with a paragraph): half a point high.
  const anchor = new Paragraph({ children: [], style: CELL_STYLE, spacing: { line: 10, lineRule: LineRuleType.EXACT } });
  return foot ? [t, anchor] : [para([]), t, anchor];
}

function pageNumberFooter(side: 'left' | 'right'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: 280 } : { left: 280 },
        spacing: { line: 280, lineRule: LineRuleType.EXACT },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: { ascii: FONTS.song, hAnsi: FONTS.song, eastAsia: FONTS.song } })],
      }),
    ],
  });
}

/** trendImages: PNGs of the trend charts in document order (from the print route), if a browser is at hand. */
export async function docToDocx(doc: Doc, trendImages: Buffer[] = []): Promise<Buffer> {
  const land = doc.orientation === 'landscape';
  const margin = land ? { top: mm(20), right: mm(20), bottom: mm(22), left: mm(20) } : { top: mm(37), right: mm(26), bottom: mm(35), left: mm(28) };
  const textWidth = land ? mm(297 - 40) : mm(156);
  const children: (Paragraph | Table)[] = [];
  if (doc.masthead) children.push(...masthead(doc.masthead));
  children.push(para([...run(doc.title, 'title', 22, { bold: true })], { align: AlignmentType.CENTER, free: true }));
  if (doc.subtitle) children.push(para([...run(doc.subtitle, 'kai', 16)], { align: AlignmentType.CENTER }));
  children.push(para([]));
  const pictures = [...trendImages];
  for (const b of doc.blocks) children.push(...blockToDocx(b, textWidth, pictures, doc.kind));
  if (doc.colophon) children.push(...colophon(doc.colophon, textWidth, !land, margin.left));
  const document = new Document({
    creator: '风险研判台',
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297), orientation: land ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            // Footer distance: page number's top 7 mm below the block (block bottom at 35 mm from the page edge; 14 pt line ≈ 4.9 mm).
            margin: { ...margin, header: mm(15), footer: land ? mm(10) : mm(23) },
            pageNumbers: { start: 1 },
          },
          grid: { type: DocumentGridType.LINES, linePitch: LINE },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
    styles: { default: { document: { run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: FONTS.fang }, size: 32, language: { eastAsia: 'zh-CN' } } } } },
  });
  return gridSettings(await Packer.toBuffer(document));
}

const CELL_STYLE = 'GwCell';

/**
 * What the docx library cannot write, set in styles.xml: no automatic space between Chinese and
 * Latin or digits ("2026年", not "2026 年"); the Normal style at 16 pt (LibreOffice takes the grid's
 * character pitch from it); and a paragraph style for table cells, the 版记 and the titles that does
 * not snap to the line grid (snapped, every table row would take one or two 28.95 pt grid lines, and
 * LibreOffice gives a 22 pt title line two: its exact line height is then one grid line in both).
 */
async function gridSettings(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const file = zip.file('word/styles.xml');
  if (!file) return docx;
  let xml = await file.async('string');
  const noSpace = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>';
  xml = xml.replace('<w:pPrDefault/>', `<w:pPrDefault><w:pPr>${noSpace}</w:pPr></w:pPrDefault>`);
  xml = xml.replace(/(<w:style w:type="paragraph" w:styleId="Normal" w:default="1">)([\s\S]*?)(<\/w:style>)/, (_, open: string, body: string, close: string) => `${open}${body.replace(/<w:rPr>[\s\S]*?<\/w:rPr>/, '')}<w:pPr>${noSpace}</w:pPr><w:rPr><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>${close}`);
  xml = xml.replace('</w:styles>', `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${CELL_STYLE}"><w:name w:val="表格文字"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>${noSpace}<w:snapToGrid w:val="0"/></w:pPr></w:style></w:styles>`);
  zip.file('word/styles.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

