// The document model for printed briefs (简报/公文): one plain structure that the print route
// (HTML laid out per GB/T 9704) and the Word writer (.docx) both render, so a PDF and a .docx of
// the same document carry the same text. Builders (data → Doc) are pure functions in this folder.

/** 版头 (masthead): the optional elements GB/T 9704-2012 §7.2 defines, plus the 内部资料 mark. */
export interface Masthead {
  /** 'red': red 发文机关标志 and red rule (专报/周研判报告); 'plain': black, no rule (纪要 uses its own head). */
  style: 'red' | 'plain';
  /** 发文机关标志, e.g. "江城市信访局" + docName → "江城市信访局研判专报". */
  organ: string;
  /** Document-series name printed after the organ in the mark: "研判专报", "会议纪要". */
  docName?: string;
  /** 份号: six Arabic digits, top left. */
  copyNo?: string;
  /** 密级和保密期限, e.g. "秘密★1年". */
  secret?: string;
  /** 紧急程度: 特急 / 加急. */
  urgency?: string;
  /** 签发人 (for documents sent up). */
  signer?: string;
  /** 期号 line, e.g. "2026年第47期"; printed centred under the mark. */
  issue?: string;
  /** Left of the 期号 line for 专报: 编印单位 "江城市信访局办公室"; right: date. */
  editor?: string;
  /** Right of the 期号 line: "2026年11月23日". */
  issueDateText?: string;
  /** "内部资料 注意保存", top right. */
  internal?: boolean;
}

export type HeadingLevel = 1 | 2 | 3 | 4;

export interface TableColumn {
  title: string;
  /** Relative width (any unit; normalised). */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export type Block =
  /** Body paragraph: two-character first-line indent unless indent is false. */
  | { t: 'p'; text: string; indent?: boolean; align?: 'left' | 'center' | 'right'; bold?: boolean }
  /** Heading; text already carries its numbering (一、/（一）/1./（1）) — see headingNumber(). */
  | { t: 'h'; level: HeadingLevel; text: string }
  /** Table: header rows repeat on every page, rows never split. A header cell spans `span` columns. */
  | { t: 'table'; caption?: string; columns: TableColumn[]; header?: { text: string; span?: number }[][]; rows: string[][]; fontPt?: number }
  /** Heat map as data: rows × cols of counts; printed as a shaded table (counts visible, not colour only). */
  | { t: 'heatmap'; caption: string; rowLabels: string[]; colLabels: string[]; counts: number[][]; colHex?: string[] }
  /** Trend as data: one line per series over the labels; printed as a still SVG chart. */
  | { t: 'trend'; caption: string; labels: string[]; series: { name: string; values: number[]; hex?: string }[] }
  /** 出席/请假/列席 block of a 纪要: label in 黑体, names in 仿宋. */
  | { t: 'attendance'; rows: { label: string; names: string }[] }
  /** Signature/date line: organ (optional) and date, right-aligned four characters in. */
  | { t: 'signature'; organ?: string; date: string }
  /** 签收 line of a 交办单. */
  | { t: 'receipt'; labels: string[] }
  /** A title repeated inside the document (each 交办单 page carries its own). */
  | { t: 'title'; text: string }
  /** Starts a new page (e.g. one 交办单 per lead unit). */
  | { t: 'pagebreak' };

/** 版记 (colophon): 抄送 and 印发 line at the end of a document. */
export interface Colophon {
  cc?: string;
  printer: string;
  printDate: string;
}

export const BRIEF_KINDS = ['register', 'weekly', 'minutes', 'assignment', 'supervision', 'agenda', 'stats'] as const;
export type BriefKind = (typeof BRIEF_KINDS)[number];

export const BRIEF_KIND_NAMES: Record<BriefKind, string> = {
  register: '风险隐患台账',
  weekly: '研判专报',
  minutes: '会议纪要',
  assignment: '交办单',
  supervision: '督办单',
  agenda: '会议议程',
  stats: '风险研判工作情况',
};

export interface Doc {
  kind: BriefKind;
  /** Landscape only for wide tables (the register); GB/T 9704 pages are portrait. */
  orientation: 'portrait' | 'landscape';
  masthead?: Masthead;
  title: string;
  /** Optional line under the title, e.g. "（2026年11月16日—11月22日）". */
  subtitle?: string;
  blocks: Block[];
  colophon?: Colophon;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五 (enough for headings and 期号). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  if (n < 100) return CN_DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  if (n < 1000) {
    const rest = n % 100;
    return CN_DIGITS[Math.floor(n / 100)] + '百' + (rest === 0 ? '' : rest < 10 ? '零' + CN_DIGITS[rest] : rest < 20 ? '一' + chineseNumber(rest) : chineseNumber(rest));
  }
  return String(n);
}

/**
 * Codes (JB-2026-098, 督办〔2026〕3号) and dates (2026年11月23日, 11月30日) are never split across
 * lines on paper: the print route sets them nowrap, the Word writer joins their characters. As a
 * splitter: `text.split(UNBREAKABLE)` puts the codes and dates at the odd indexes.
 */
export const UNBREAKABLE = /([A-Z]{2,}-\d{4}-\d{2,}|督办〔\d{4}〕\d+号|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日)/;

/** The GB/T 9704 numbering of structure levels: 一、 （一） 1. （1）. */
/** Characters on one full line of the 156 mm block at 16 pt (GB/T 9704: 22 lines × 28 characters). */
export const LINE_CHARS = 28;

/**
 * A heading travels with the block after it, so none is left alone at a page foot. A "heading"
 * that runs past one line is a numbered paragraph (a 纪要's "1. JC-… 经研判…"): it may end a page,
 * else a list of them would chain into one block taller than the space left.
 */
export function keepsWithNext(b: Block): boolean {
  return b.t === 'title' || (b.t === 'h' && [...b.text].length <= LINE_CHARS - 2);
}

export function headingNumber(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumber(n)}、`;
    case 2:
      return `（${chineseNumber(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/** Every visible text of a document in reading order (what pdftotext and the .docx should both yield). */
export function docText(doc: Doc): string[] {
  const out: string[] = [];
  const m = doc.masthead;
  if (m) {
    for (const s of [m.copyNo, m.secret, m.urgency, m.internal ? '内部资料 注意保存' : undefined]) if (s) out.push(s);
    out.push(m.organ + (m.docName ?? ''));
    for (const s of [m.issue, m.editor, m.issueDateText, m.signer ? `签发人：${m.signer}` : undefined]) if (s) out.push(s);
  }
  out.push(doc.title);
  if (doc.subtitle) out.push(doc.subtitle);
  for (const b of doc.blocks) {
    switch (b.t) {
      case 'p':
      case 'h':
      case 'title':
        out.push(b.text);
        break;
      case 'table':
        if (b.caption) out.push(b.caption);
        for (const row of b.header ?? [b.columns.map((c) => ({ text: c.title }))]) out.push(...row.map((c) => c.text));
        for (const row of b.rows) out.push(...row);
        break;
      case 'heatmap':
        // As printed: a 领域 column, the level columns and a 合计 column.
        out.push(b.caption, '领域', ...b.colLabels, '合计');
        b.rowLabels.forEach((r, i) => out.push(r, ...b.counts[i].map(String), String(b.counts[i].reduce((a, n) => a + n, 0))));
        break;
      case 'trend':
        out.push(b.caption);
        break;
      case 'attendance':
        for (const r of b.rows) out.push(r.label, r.names);
        break;
      case 'signature':
        if (b.organ) out.push(b.organ);
        out.push(b.date);
        break;
      case 'receipt':
        out.push(...b.labels);
        break;
      case 'pagebreak':
        break;
    }
  }
  if (doc.colophon) {
    if (doc.colophon.cc) out.push(doc.colophon.cc);
    out.push(doc.colophon.printer, doc.colophon.printDate);
  }
  return out.filter((s) => s !== '');
}
