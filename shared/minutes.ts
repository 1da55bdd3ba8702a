// The first draft of the minutes (纪要), built from what the meeting recorded: attendance, each
// item's 研判意见 and 对策建议 typed in the runner, and the assignments (交办) issued by the meeting.
// The analyst edits the text afterwards; 签发 freezes it; print lays out exactly these lines
// (shared/briefs/meeting.ts), so every wording and numbering rule of the 纪要 lives here.
// The level each item was decided at comes from the meeting's assessments (研判等级, and 调级理由
// when the meeting overrode the computed level).
import { chineseDate } from './dates.js';
import { levelName } from './labels.js';
import { consentParagraph, type ConsentMinutesItem } from './agendaConsent.js';
import { meetingTitle, meetingTypeName, type AgendaItemRow, type MeetingRow } from './meetings.js';

export interface MinutesInput {
  meeting: Pick<MeetingRow, 'year' | 'sessionNo' | 'type' | 'date' | 'chair' | 'attendees' | 'onLeave' | 'observers' | 'sensitivePeriod'>;
  agenda: Array<Pick<AgendaItemRow, 'riskId' | 'riskCode' | 'riskTitle' | 'status'>>;
  /** Runner drafts by risk: analysis (研判意见), countermeasures (对策建议), assignment (older free text). */
  drafts: Array<{ riskId: number; field: string; text: string }>;
  actions: Array<{ code: string; leadUnit: string; coUnits?: string[]; content: string; dueAt: string; riskIds: number[] }>;
  /** The meeting's assessments (one per risk): the decided level and, if overridden, why. */
  assessments?: Array<{ riskId: number; finalLevel: number; overrideReason: string | null; analysis: string; countermeasures: string }>;
  /** The consent list (一揽子研判) the meeting confirmed: one paragraph (shared/agendaConsent.ts). */
  consent?: ConsentMinutesItem[];
}

/** The placeholder for an item discussed without a recorded opinion (the analyst fills it in). */
export const NO_OPINION = '（未记录研判意见）';

const NUM = '一二三四五六七八九十';
const END = /[。！？；…]$/;

/** A sentence as it stands in the 纪要: trimmed, trailing commas/semicolons dropped, ending with 。 */
export function sentence(s: string): string {
  const t = s.trim().replace(/[，,；;、\s]+$/, '');
  return !t || END.test(t) ? t : `${t}。`;
}

/** One assignment under 二、交办事项: content, then lead unit, co-units, due date, and its code. */
export function assignmentLine(n: number, a: MinutesInput['actions'][number]): string {
  const content = a.content.trim().replace(/[。；;，,\s]+$/, '');
  const co = a.coUnits?.length ? `，${a.coUnits.join('、')}配合` : '';
  return `${n}. ${content}。由${a.leadUnit}牵头${co}，${chineseDate(a.dueAt)}前办结。（${a.code}）`;
}

export function draftMinutes(o: MinutesInput): string {
  const m = o.meeting;
  const name = meetingTypeName(m.type);
  const draft = (riskId: number, field: string) => o.drafts.find((d) => d.riskId === riskId && d.field === field)?.text.trim() ?? '';
  const discussed = o.agenda.filter((a) => a.status !== '未议');
  const lines = [
    `${meetingTitle(m)}纪要`,
    '',
    `${chineseDate(m.date)}，${m.chair || '（主持人）'}主持召开${m.sensitivePeriod ? `${m.sensitivePeriod}前` : ''}${name}，对${discussed.length}件风险隐患逐项研判。现纪要如下：`,
    `出席：${m.attendees.join('、') || '无'}`,
    `请假：${m.onLeave.join('、') || '无'}`,
    `列席：${m.observers.join('、') || '无'}`,
    '',
    `${NUM[0]}、研判事项`,
  ];
  discussed.forEach((a, i) => {
    const rec = o.assessments?.find((x) => x.riskId === a.riskId);
    // The recorded assessment is the decision; the runner draft only stands in when none was recorded.
    const analysis = rec?.analysis.trim() || draft(a.riskId, 'analysis');
    const counter = rec?.countermeasures.trim() || draft(a.riskId, 'countermeasures');
    const level = rec ? `研判等级：${levelName(rec.finalLevel)}${rec.overrideReason ? `（调级理由：${sentence(rec.overrideReason).replace(/。$/, '')}）` : ''}。` : '';
    lines.push(`${i + 1}. ${a.riskCode} ${a.riskTitle}。${level}${analysis ? sentence(analysis) : NO_OPINION}${counter ? `对策建议：${sentence(counter)}` : ''}`);
  });
  if (o.consent?.length) lines.push(consentParagraph(o.consent));
  const carried = o.agenda.filter((a) => a.status === '未议');
  if (carried.length) lines.push(`以下事项本次未及研判，转下次会议：${carried.map((a) => `${a.riskCode} ${a.riskTitle}`).join('；')}。`);
  lines.push('', `${NUM[1]}、交办事项`);
  if (o.actions.length === 0) lines.push('无。');
  o.actions.forEach((a, i) => lines.push(assignmentLine(i + 1, a)));
  // Older registers kept assignments as free text in the runner; they stay in the draft, as a section.
  const loose = discussed.map((a) => draft(a.riskId, 'assignment')).filter(Boolean);
  if (loose.length) lines.push('', `${NUM[2]}、会上另议定事项`, ...loose.flatMap((t) => t.split(/\r?\n/)).map((t) => t.trim()).filter(Boolean).map((t, i) => `${i + 1}. ${sentence(t)}`));
  return lines.join('\n');
}
