import { z } from 'zod';
import { method } from './method.js';
import { REGISTER_DECIDERS } from '../roles.js';
import { isoDate } from '../risks.js';
import {
  agendaAddInput, agendaApplyInput, agendaProposeInput, agendaRemoveInput, agendaReorderInput, agendaSetInput,
  meetingCreateInput, meetingDefaultsInput, meetingGetInput, meetingListInput, meetingTransitionInput, meetingUpdateInput, minutesSaveInput,
  type MeetingDefaults, type MeetingDetail, type MeetingRow,
} from '../meetings.js';
import type { ProposedItem } from '../agenda.js';
import { agendaFillInput, agendaRemoveManyInput, consentConfirmInput, proposalGenerateInput, proposalPageInput, type ConsentConfirmResult, type ProposalPage, type ProposalSummary } from '../agendaProposal.js';
import { agendaSettingsInput, type AgendaSettings } from '../settings.js';
import type { CalendarDay } from '../calendar.js';
import { calendarDayInput, type ActionRow } from '../actionItems.js';
import type { SupervisionLevel } from '../actions.js';

export interface MondayDashboard {
  asOf: string;
  weekStart: string;
  defaultDate: string;
  meeting: MeetingRow | null;
  agenda: { count: number; minutes: number; lengthMinutes: number; discussed: number; /** Main-list proposals not on the agenda; null before a proposal was generated. */ proposedNotAdded: number | null } | null;
  overdue: ActionRow[];
  overdueCount: number;
  dueSoonCount: number;
  byLevel: Record<SupervisionLevel, number>;
  pendingExtensions: number;
  /** Open risks whose next review falls by the end of this week (the first 20, most serious and most overdue first). */
  dueForReview: Array<{ riskId: number; code: string; title: string; level: number | null; nextReview: string }> | null;
  dueForReviewCount: number;
  /** Escalation periods under way or starting within the rule set's lead time (节点前 N 天). */
  sensitiveAhead: Array<{ name: string; start: string; end: string; state: '进行中' | '临近'; daysToStart: number }> | null;
  sensitiveDays: number;
}

export interface RunnerDraft {
  riskId: number;
  field: string;
  text: string;
  updatedAt: string;
}

const id = z.number().int().positive();
export const draftSaveInput = z.object({
  meetingId: id,
  riskId: id,
  /** cursor: the item on screen (text empty), so a restarted app resumes where the meeting was. */
  field: z.enum(['analysis', 'countermeasures', 'assignment', 'cursor'], { message: '不支持的草稿栏目' }),
  text: z.string().max(20_000, { message: '不能超过20000字' }),
});

export const meetingMethods = {
  'meetings.list': method<MeetingRow[]>()(meetingListInput, false, '研判会列表（按日期倒序）'),
  'meetings.get': method<MeetingDetail>()(meetingGetInput, false, '读取一次研判会：基本信息、议程、已签发纪要的各版本'),
  'meetings.defaults': method<MeetingDefaults>()(meetingDefaultsInput, false, '新建研判会的默认值（下周一或其后第一个工作日、下一个会次）'),
  'meetings.create': method<MeetingRow>()(meetingCreateInput, true, '新建研判会'),
  'meetings.update': method<MeetingRow>()(meetingUpdateInput, true, '修改研判会（已签发的会议不能修改）'),
  'meetings.transition': method<MeetingRow>()(meetingTransitionInput, true, '会议状态流转：开始、结束、拟写纪要、签发、归档、重新打开（须填原因）', 'public', REGISTER_DECIDERS),
  'meetings.saveMinutes': method<MeetingRow>()(minutesSaveInput, true, '保存纪要正文'),
  'meetings.draftSave': method<RunnerDraft>()(draftSaveInput, true, '会中自动保存：研判意见、对策建议、新交办的草稿'),
  'meetings.minutesDraft': method<{ text: string }>()(z.object({ id }), false, '根据会议记录（出席、研判意见、交办）生成纪要草稿'),
  'meetings.drafts': method<RunnerDraft[]>()(z.object({ meetingId: id }), false, '读取会中草稿'),
  'agenda.propose': method<Array<ProposedItem & { inAgenda: boolean; title: string }>>()(agendaProposeInput, false, '根据台账与交办提出议程建议（含理由）'),
  'agenda.apply': method<MeetingRow>()(agendaApplyInput, true, '把议程建议加入议程'),
  'agenda.add': method<MeetingRow>()(agendaAddInput, true, '向议程添加风险事项'),
  'agenda.remove': method<MeetingRow>()(agendaRemoveInput, true, '从议程移除一项'),
  'agenda.reorder': method<MeetingRow>()(agendaReorderInput, true, '调整议程顺序'),
  'agenda.set': method<MeetingRow>()(agendaSetInput, true, '设置议题时长、状态或备注'),
  'agenda.generate': method<ProposalSummary>()(proposalGenerateInput, true, '生成并保存排序后的议程建议：主议程建议与一揽子研判清单'),
  'agenda.proposal': method<ProposalPage>()(proposalPageInput, false, '议程建议的一页（按排序；主议程建议或一揽子研判，每页最多100项）'),
  'agenda.fill': method<MeetingRow>()(agendaFillInput, true, '按会议时长选取：按排序把主议程建议加入议程，直到排满会议时长'),
  'agenda.removeMany': method<MeetingRow>()(agendaRemoveManyInput, true, '从议程批量移出所选议题'),
  'meetings.consentConfirm': method<ConsentConfirmResult>()(consentConfirmInput, true, '确认一揽子研判：清单中每项记一条“维持原等级”的研判记录（沿用上次可能性与影响程度，不调级）'),
  'agenda.settings': method<AgendaSettings>()(z.object({}), false, '议程设置：排序权重与各等级每项时长'),
  'agenda.settingsUpdate': method<AgendaSettings>()(agendaSettingsInput, true, '修改议程设置（须带版本号）'),
  'calendar.list': method<CalendarDay[]>()(z.object({ year: z.number().int().min(2000).max(2100).optional() }), false, '节假日与调休上班日'),
  'calendar.set': method<CalendarDay[]>()(calendarDayInput, true, '设置某日为放假、调休上班或普通日'),
  'dashboard.monday': method<MondayDashboard>()(z.object({ asOf: isoDate.optional() }), false, '“我的周一”：本周研判会、议程状态、超期交办'),
} as const;
