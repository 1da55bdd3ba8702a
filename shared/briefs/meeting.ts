// Meeting documents as pure functions over plain input types: 会议纪要, 交办单, 督办单, 会议议程.
// The meeting/action modules map their rows to these inputs; nothing here reads a database.
import { chineseDate } from '../dates.js';
import { chineseNumber, headingNumber, type Block, type Doc, type Masthead } from './model.js';
import { MEETING_TYPE_NAMES } from '../meetings.js';

/** What the meeting is called when the input does not say (a 周例会). */
const DEFAULT_NAME = MEETING_TYPE_NAMES.周例会;

export interface MinutesInput {
  organ: string;
  /** 纪要期号 (number within the year) and year. */
  minutesNo: number;
  year: number;
  /** The 纪要 text: the signed version, or the draft being edited. Its first line is the title. */
  text: string;
  /** Not yet signed: printed marked 讨论稿. */
  draft: boolean;
  issueDate: string;
  cc?: string;
  masthead?: Partial<Masthead>;
}

/** What one line of a 纪要 is on paper: 一、 a 黑体 heading, （一） 楷体, 1. 仿宋, 出席：… an attendance row. */
export type MinutesLine = { kind: 'h'; level: 1 | 2 | 3; text: string } | { kind: 'attendance'; label: string; names: string } | { kind: 'p'; text: string };

const ATTENDANCE = /^(出席|请假|列席)[：:]/;

export function minutesLine(line: string): MinutesLine {
  if (/^[一二三四五六七八九十百]+、/.test(line)) return { kind: 'h', level: 1, text: line };
  if (/^[（(][一二三四五六七八九十百]+[）)]/.test(line)) return { kind: 'h', level: 2, text: line };
  if (/^\d+[.．]/.test(line)) return { kind: 'h', level: 3, text: line };
  const att = ATTENDANCE.exec(line);
  if (att) return { kind: 'attendance', label: att[0], names: line.slice(att[0].length) };
  return { kind: 'p', text: line };
}

/**
 * 纪要: exactly the lines of the text, in order, each laid out by how it starts; nothing is
 * rewritten, renumbered or added (blank lines only separate). The first line is the title.
 */
export function buildMinutes(m: MinutesInput): Doc {
  const lines = m.text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const blocks: Block[] = [];
  for (const line of lines.slice(1)) {
    const l = minutesLine(line);
    if (l.kind === 'attendance') {
      const last = blocks[blocks.length - 1];
      if (last?.t === 'attendance') last.rows.push({ label: l.label, names: l.names });
      else blocks.push({ t: 'attendance', rows: [{ label: l.label, names: l.names }] });
    } else if (l.kind === 'h') blocks.push({ t: 'h', level: l.level, text: l.text });
    else blocks.push({ t: 'p', text: l.text });
  }
  return {
    kind: 'minutes',
    orientation: 'portrait',
    masthead: { style: 'red', organ: m.organ, docName: '会议纪要', issue: `${m.year}年第${m.minutesNo}期`, editor: `${m.organ}办公室`, issueDateText: chineseDate(m.issueDate), ...m.masthead },
    title: lines[0] ?? '会议纪要',
    ...(m.draft ? { subtitle: '（讨论稿）' } : {}),
    blocks,
    colophon: { cc: m.cc ? `抄送：${m.cc}` : undefined, printer: `${m.organ}办公室`, printDate: `${chineseDate(m.issueDate)}印发` },
  };
}

export interface AssignmentItem {
  code: string;
  riskCodes: string[];
  content: string;
  coUnits: string[];
  leadLeader: string;
  issuedAt: string;
  dueAt: string;
  feedbackCycle: string;
}

export interface AssignmentSheetsInput {
  organ: string;
  meetingTitle: string;
  issuedAt: string;
  /** One sheet per lead unit, in the given order. */
  units: { leadUnit: string; contact?: string; items: AssignmentItem[] }[];
}

/** 交办单: one page per lead unit; every page ends with the 签收 line the unit fills in. */
export function buildAssignmentSheets(input: AssignmentSheetsInput): Doc {
  const blocks: Block[] = [];
  input.units.forEach((u, i) => {
    if (i > 0) blocks.push({ t: 'pagebreak' }, { t: 'title', text: '风险隐患交办单' });
    blocks.push({ t: 'p', indent: false, text: `${u.leadUnit}：` });
    blocks.push({ t: 'p', text: `根据${input.meetingTitle}研究意见，现将以下${u.items.length}项事项交由你单位牵头办理，请按时限办结，并按反馈频次报送办理情况。` });
    blocks.push({
      t: 'table',
      fontPt: 12,
      columns: [
        { title: '交办编号', width: 12 },
        { title: '交办内容及要求', width: 24 },
        { title: '配合单位', width: 7 },
        { title: '办结时限', width: 10, align: 'center' },
        { title: '频次', width: 5, align: 'center' },
      ],
      rows: u.items.map((a) => [a.code, `${a.content}${a.riskCodes.length ? `（涉及${a.riskCodes.join('、')}）` : ''}；责任领导：${a.leadLeader}`, a.coUnits.join('、') || '—', a.dueAt, a.feedbackCycle]),
    });
    if (u.contact) blocks.push({ t: 'p', text: `联系人：${u.contact}` });
    blocks.push({ t: 'signature', organ: input.organ, date: chineseDate(input.issuedAt) });
    blocks.push({ t: 'receipt', labels: ['签收人：', '签收时间：　　年　　月　　日'] });
  });
  // No 版头: each unit's sheet must fit its page, and the organ signs at the foot.
  return { kind: 'assignment', orientation: 'portrait', title: '风险隐患交办单', blocks };
}

export interface SupervisionItem {
  code: string;
  content: string;
  leadUnit: string;
  dueAt: string;
  overdueDays: number;
  /** 督办单 / 挂牌督办 / 通报 (from the supervision ladder). */
  level: string;
  lastFeedback?: string;
}

export interface SupervisionInput {
  organ: string;
  asOf: string;
  sheetNo: string;
  items: SupervisionItem[];
}

const SUPERVISION_ORDER = ['通报', '挂牌督办', '督办单', '催办', '提醒'];

/** 督办单: overdue items grouped by supervision level, most severe first. */
export function buildSupervision(input: SupervisionInput): Doc {
  const blocks: Block[] = [];
  const levels = [...new Set(input.items.map((i) => i.level))].sort((a, b) => SUPERVISION_ORDER.indexOf(a) - SUPERVISION_ORDER.indexOf(b));
  blocks.push({ t: 'p', text: `截至${chineseDate(input.asOf)}，下列${input.items.length}项交办事项已超过办结时限，现予督办。请责任单位于3个工作日内书面报送办理情况及超期原因。` });
  levels.forEach((lv, i) => {
    const items = input.items.filter((x) => x.level === lv).sort((a, b) => b.overdueDays - a.overdueDays);
    blocks.push({ t: 'h', level: 1, text: `${headingNumber(1, i + 1)}${lv}（${items.length}项）` });
    blocks.push({
      t: 'table',
      fontPt: 12,
      columns: [
        { title: '交办编号', width: 12 },
        { title: '交办内容', width: 18 },
        { title: '责任单位', width: 10 },
        { title: '办结时限', width: 10, align: 'center' },
        { title: '超期天数', width: 8, align: 'center' },
      ],
      rows: items.map((x) => [x.code, x.content + (x.lastFeedback ? `（最近反馈：${x.lastFeedback}）` : ''), x.leadUnit, x.dueAt, String(x.overdueDays)]),
    });
  });
  blocks.push({ t: 'signature', organ: input.organ, date: chineseDate(input.asOf) });
  return { kind: 'supervision', orientation: 'portrait', masthead: { style: 'red', organ: input.organ, issue: input.sheetNo }, title: '风险隐患交办事项督办单', blocks };
}

export interface AgendaInput {
  organ: string;
  year: number;
  sessionNo: number;
  /** As MinutesInput.typeName. */
  typeName?: string;
  meetingDate: string;
  time: string;
  place: string;
  chair: string;
  attendees: string;
  items: { title: string; presenter: string; minutes: number; riskCodes?: string[]; /** Why the item is on the agenda (列入理由). */ reasons?: string[] }[];
}

/** 会议议程 handout: items with presenter, time per item and a running clock. */
export function buildAgenda(a: AgendaInput): Doc {
  const [h0, m0] = a.time.split(':').map(Number);
  let t = h0 * 60 + m0;
  const clock = (x: number) => `${Math.floor(x / 60)}:${String(x % 60).padStart(2, '0')}`;
  const rows = a.items.map((it, i) => {
    const start = t;
    t += it.minutes;
    return [String(i + 1), it.title + (it.riskCodes?.length ? `（${it.riskCodes.join('、')}）` : '') + (it.reasons?.length ? `　列入理由：${it.reasons.join('；')}` : ''), it.presenter, `${clock(start)}—${clock(t)}`];
  });
  return {
    kind: 'agenda',
    orientation: 'portrait',
    title: `${a.year}年第${chineseNumber(a.sessionNo)}次${a.typeName ?? DEFAULT_NAME}议程`,
    blocks: [
      { t: 'p', indent: true, text: `时间：${chineseDate(a.meetingDate)} ${a.time}` },
      ...(a.place ? [{ t: 'p' as const, indent: true, text: `地点：${a.place}` }] : []),
      { t: 'p', indent: true, text: `主持：${a.chair}` },
      { t: 'p', indent: true, text: `参会：${a.attendees}` },
      { t: 'p', indent: true, text: `议题共${a.items.length}项，计划${a.items.reduce((n, it) => n + it.minutes, 0)}分钟。` },
      { t: 'table', fontPt: 14, columns: [{ title: '序号', width: 3, align: 'center' }, { title: '议题', width: 17 }, { title: '汇报', width: 6 }, { title: '时间', width: 6, align: 'center' }], rows },
    ],
  };
}
