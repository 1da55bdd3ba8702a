// Cell normalisers for imported sheets: pure, one value in, a value (or a reason) out.
// They read a cell the way an analyst would: "约300" is 300, "420户" is 420 households,
// "2024年3月5日" is a date and "按季研判" in a date column is a note, not an error.
import { isIsoDate } from '../dates.js';

/** A raw cell as the sheet reader hands it over: text, number, boolean, a date (as YYYY-MM-DD) or empty. */
export type Cell = string | number | boolean | null | { date: string };

export type Parsed<T> = { ok: true; value: T; warning?: string } | { ok: false; message: string };

/** Full-width ASCII (０-９, Ａ-Ｚ, ，) to half-width; ideographic space to a space. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** The text of a cell, trimmed, as written (free text keeps its full-width punctuation); '' for empty. */
export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'object') return c.date;
  if (typeof c === 'number') return String(c);
  if (typeof c === 'boolean') return c ? '是' : '否';
  return c.replace(/\r\n?/g, '\n').trim();
}

export interface CountValue {
  count: number | null;
  unit: '人' | '户' | '家';
  text: string;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "约300", "420户", "300余人", "近2100人", "1.2万人", "三十余户" → number, unit and the original text. */
export function parseCount(c: Cell): Parsed<CountValue> {
  if (c === null || c === '' || c === undefined) return { ok: true, value: { count: null, unit: '人', text: '' } };
  if (typeof c === 'number') {
    if (!Number.isFinite(c) || c < 0) return { ok: false, message: `「${c}」不是有效的人数` };
    return { ok: true, value: { count: Math.round(c), unit: '人', text: '' } };
  }
  const original = typeof c === 'string' ? c.trim() : cellText(c);
  const t = toHalfWidth(original).replace(/[\s,，]/g, '');
  const unit: CountValue['unit'] = /户/.test(t) ? '户' : /家/.test(t) ? '家' : '人';
  const m = /(\d+(?:\.\d+)?)(万)?/.exec(t);
  let n: number | null = null;
  if (m) n = Number(m[1]) * (m[2] ? 10_000 : 1);
  else {
    const cn = /([一二两三四五六七八九十]+)(百|千)?/.exec(t);
    if (cn) n = chineseNumber(cn[1]) * (cn[2] === '百' ? 100 : cn[2] === '千' ? 1000 : 1);
  }
  if (n === null || !Number.isFinite(n)) return { ok: false, message: `「${original}」中找不到人数，请写成数字，例如「约300人」「420户」` };
  // Keep the original text only when it says more than the bare number (约, 余, 户…).
  const text = String(n) === t ? '' : original;
  return { ok: true, value: { count: Math.round(n), unit, text } };
}

function chineseNumber(s: string): number {
  if (s === '十') return 10;
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    const v = CN_DIGITS[ch];
    if (v === 10) {
      total += (cur || 1) * 10;
      cur = 0;
    } else cur = v;
  }
  return total + cur;
}

/** Amount in 万元: "1100万元" → 1100, "3.6亿元" → 36000, "186万" → 186, plain numbers as written. */
export function parseAmountWan(c: Cell): Parsed<number | null> {
  if (c === null || c === '') return { ok: true, value: null };
  if (typeof c === 'number') return { ok: true, value: c };
  const t = toHalfWidth(cellText(c)).replace(/[\s,，]/g, '');
  const m = /(\d+(?:\.\d+)?)(亿|万)?(元)?/.exec(t);
  if (!m) return { ok: false, message: `「${t}」不是金额，请填写数字（单位：万元）` };
  const n = Number(m[1]);
  const v = m[2] === '亿' ? n * 10_000 : m[2] === '万' ? n : m[3] ? n / 10_000 : n;
  return { ok: true, value: Math.round(v * 10_000) / 10_000 };
}

function ymd(y: number, m: number, d: number): string | null {
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(s) ? s : null;
}

function monthEnd(y: number, m: number): string {
  const d = new Date(Date.UTC(y, m, 0));
  return ymd(y, m, d.getUTCDate())!;
}

/** Excel serial day (1900 system, with its phantom 1900-02-29) → YYYY-MM-DD. */
export function excelSerialToDate(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export type DateValue = { date: string | null; note: string };

/**
 * 2024-03-05, 2024.3.5, 2024/3/5, 2024年3月5日, 20240305, Excel serials, and month forms
 * ("2024年6月底" → the month's last day, with a warning). Text that is not a date
 * ("按季研判", "长期") is kept as a note with a warning, never dropped.
 */
export function parseDateCell(c: Cell): Parsed<DateValue> {
  if (c === null || c === '') return { ok: true, value: { date: null, note: '' } };
  if (typeof c === 'object' && c !== null) return { ok: true, value: { date: c.date, note: '' } };
  if (typeof c === 'number') {
    if (c > 20000 && c < 80000) return { ok: true, value: { date: excelSerialToDate(c), note: '' } };
    if (c >= 19000101 && c <= 21001231) return parseDateCell(String(c));
    return { ok: false, message: `「${c}」不是日期` };
  }
  const t = cellText(c);
  const s = toHalfWidth(t).replace(/\s/g, '');
  let m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const d = ymd(+m[1], +m[2], +m[3]);
    return d ? { ok: true, value: { date: d, note: '' } } : { ok: false, message: `「${t}」不是真实存在的日期` };
  }
  m = /^(\d{4})[-./年](\d{1,2})月?(底|末)?$/.exec(s);
  if (m && +m[2] >= 1 && +m[2] <= 12) {
    return { ok: true, value: { date: monthEnd(+m[1], +m[2]), note: t }, warning: `「${t}」只写到月份，按该月最后一天（${monthEnd(+m[1], +m[2])}）导入` };
  }
  if (/^\d{5}$/.test(s)) return parseDateCell(Number(s));
  if (/\d{4}/.test(s) && /[-./年月]/.test(s)) return { ok: false, message: `「${t}」看起来像日期但无法识别，请写成 2024-03-05 或 2024年3月5日` };
  return { ok: true, value: { date: null, note: t.slice(0, 200) }, warning: `「${t}」不是日期，已作为时限说明保存` };
}

/** Edit distance (for "did you mean"). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}

export interface NamedOption {
  id: number;
  name: string;
}

/**
 * Finds a list entry by name. Exact match, then a unique match ignoring 区/县/市 suffixes or by
 * containment ("临江" → 临江区, "劳动社保（欠薪）" → 劳动社保) with a warning; otherwise an error that
 * names the nearest entries.
 */
export function matchListItem(raw: string, items: readonly NamedOption[], what: string, aliases: Record<string, string> = {}): Parsed<NamedOption> {
  const t = toHalfWidth(raw).replace(/\s/g, '');
  const exact = items.find((i) => i.name === t);
  if (exact) return { ok: true, value: exact };
  const alias = aliases[t] ? items.find((i) => i.name === aliases[t]) : undefined;
  if (alias) return { ok: true, value: alias };
  const bare = (s: string) => s.replace(/[（(].*?[)）]/g, '').replace(/(区|县|市|新区)$/, '');
  const loose = items.filter((i) => bare(i.name) === bare(t) || (t.length >= 2 && (i.name.includes(t) || t.includes(i.name))));
  if (loose.length === 1) return { ok: true, value: loose[0], warning: `「${raw}」按「${loose[0].name}」导入` };
  const near = items
    .map((i) => ({ i, d: editDistance(bare(i.name), bare(t)) }))
    .filter((x) => x.d <= Math.max(1, Math.floor(Math.max([...x.i.name].length, [...t].length) / 2)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 2);
  const hint = near.length ? `，您是否指「${near.map((x) => x.i.name).join('」或「')}」？` : `。可选：${items.map((i) => i.name).join('、')}`;
  return { ok: false, message: `「${raw}」不在${what}列表中${hint}` };
}

/** Several units in one cell: "市公安局经侦支队、市金融局" → lead + co-units. */
export function splitUnits(raw: string): { lead: string; co: string[] } {
  const parts = toHalfWidth(raw)
    .split(/[、，,；;\n/]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return { lead: parts[0] ?? '', co: parts.slice(1) };
}

const TITLE_END = /(书记|副?主任|副?[省市县区镇乡]长|副?局长|副?部长|副?组长|副?处长|副?科长|副?所长|副?队长|委员|主席|秘书长|调研员)$/;

/** "副区长张×" → title 副区长, name 张×; "王五" → name only. */
export function splitLeader(raw: string): { name: string; title: string } {
  const t = toHalfWidth(raw).trim();
  for (let cut = t.length - 1; cut >= 1; cut--) {
    const title = t.slice(0, cut);
    const name = t.slice(cut);
    if (TITLE_END.test(title) && [...name].length >= 1 && [...name].length <= 4 && !/[长记任员席]$/.test(name)) {
      return { title: title.trim(), name: name.trim() };
    }
  }
  return { name: t, title: '' };
}

/** 是/否 cells. */
export function parseYesNo(c: Cell): Parsed<boolean> {
  if (c === null || c === '') return { ok: true, value: false };
  if (typeof c === 'boolean') return { ok: true, value: c };
  const t = toHalfWidth(cellText(c));
  if (/^(是|有|Y|YES|TRUE|1|√)$/i.test(t)) return { ok: true, value: true };
  if (/^(否|无|N|NO|FALSE|0|×)$/i.test(t)) return { ok: true, value: false };
  return { ok: false, message: `「${t}」应为 是 或 否` };
}

/** Picks the member of an enum a cell names, allowing listed variants. */
export function parseEnum<T extends string>(c: Cell, values: readonly T[], what: string, variants: Record<string, T> = {}): Parsed<T | undefined> {
  const t = toHalfWidth(cellText(c)).replace(/\s/g, '');
  if (!t) return { ok: true, value: undefined };
  const hit = values.find((v) => v === t) ?? variants[t] ?? values.find((v) => t.includes(v));
  if (hit) return { ok: true, value: hit, warning: hit === t || variants[t] ? undefined : `「${t}」按「${hit}」导入` };
  return { ok: false, message: `「${t}」不是有效的${what}，应为：${values.join('、')}` };
}
