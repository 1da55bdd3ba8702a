// The first draft of the minutes (纪要), built from what the meeting recorded: attendance, each
// item's 研判意见 and 对策建议 typed in the runner, and the assignments issued by the meeting.
// The analyst edits the text afterwards; 签发 freezes it. The level each item was decided at comes
// from the meeting's assessments (研判等级, and 调级理由 when the meeting overrode the computed level).
import { chineseDate } from './dates.js';
import { levelName } from './labels.js';
import { consentParagraph, type ConsentMinutesItem } from './agendaConsent.js';
import { meetingTitle, meetingTypeName, type AgendaItemRow, type MeetingRow } from './meetings.js';

export interface MinutesInput {
  meeting: Pick<MeetingRow, 'year' | 'sessionNo' | 'type' | 'date' | 'chair' | 'attendees' | 'onLeave' | 'observers' | 'sensitivePeriod'>;
  agenda: Array<Pick<AgendaItemRow, 'riskId' | 'riskCode' | 'riskTitle' | 'status'>>;
  /** Runner drafts by risk: analysis (研判意见), countermeasures (对策建议), assignment (free text). */
  drafts: Array<{ riskId: number; field: string; text: string }>;
  actions: Array<{ code: string; leadUnit: string; content: string; dueAt: string; riskIds: number[] }>;
  /** The meeting's assessments (one per risk): the decided level and, if overridden, why. */
  assessments?: Array<{ riskId: number; finalLevel: number; overrideReason: string | null; analysis: string; countermeasures: string }>;
  /** The consent list (一揽子研判) the meeting confirmed: one paragraph (shared/agendaConsent.ts). */
  consent?: ConsentMinutesItem[];
}

const NUM = '一二三四五六七八九十';

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
    const level = rec ? `研判等级：${levelName(rec.finalLevel)}${rec.overrideReason ? `（调级理由：${rec.overrideReason}）` : ''}。` : '';
    lines.push(`${i + 1}. ${a.riskCode} ${a.riskTitle}。${level}${analysis || '（研判意见）'}${counter ? `对策建议：${counter}` : ''}`);
  });
  if (o.consent?.length) lines.push(consentParagraph(o.consent));
  const carried = o.agenda.filter((a) => a.status === '未议');
  if (carried.length) lines.push(`以下事项本次未及研判，转下次会议：${carried.map((a) => `${a.riskCode} ${a.riskTitle}`).join('；')}。`);
  lines.push('', `${NUM[1]}、交办事项`);
  if (o.actions.length === 0) lines.push('无。');
  o.actions.forEach((a, i) => lines.push(`${i + 1}. ${a.leadUnit}：${a.content}（${a.code}，${chineseDate(a.dueAt)}前办结）。`));
  const loose = discussed.map((a) => draft(a.riskId, 'assignment')).filter(Boolean);
  if (loose.length) lines.push('会上另议定：', ...loose);
  return lines.join('\n');
}
