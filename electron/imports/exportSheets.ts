// The export's 研判记录 and 交办事项 sheets, next to the register sheet (workbook.ts): one column
// list and one row reader per sheet. Rows stream from SQLite in a stable order.
import type { Db } from '../../db/open.js';
import { levelName } from '../../shared/labels.js';
import { meetingDisplayName } from '../../shared/meetings.js';
import type { ExportColumn } from './workbook.js';

export interface AssessmentExportRow {
  id: number; code: string; title: string; assessedOn: string; kind: string; meeting: string;
  likelihood: number | null; impact: number | null; score: number | null;
  matrixLevel: number | null; ruleLevel: number | null; computedLevel: number | null; finalLevel: number;
  overrideReason: string; escalationBasis: string; basis: string; ruleSetVersion: number; trend: string;
  analysis: string; countermeasures: string; reportUp: boolean; nextReview: string; createdBy: string;
}

/** The joined meeting's columns (alias m); meetingOf names it as the app does. */
const MEETING_COLUMNS = 'm.year AS m_year, m.session_no AS m_session, m.type AS m_type, m.date AS m_date';
const meetingOf = (x: Record<string, unknown>): string =>
  x.m_year == null ? '' : meetingDisplayName({ year: x.m_year as number, sessionNo: x.m_session as number, type: x.m_type as string, date: x.m_date as string });

export const ASSESSMENT_COLUMNS: ExportColumn<AssessmentExportRow>[] = [
  { header: '事项编号', width: 14, value: (r) => r.code },
  { header: '事项名称', width: 32, value: (r) => r.title },
  { header: '研判日期', width: 12, value: (r) => r.assessedOn },
  { header: '类别', width: 9, value: (r) => r.kind },
  { header: '研判会议', width: 30, value: (r) => r.meeting },
  { header: '可能性', width: 8, value: (r) => r.likelihood },
  { header: '影响程度', width: 9, value: (r) => r.impact },
  { header: '分值', width: 7, value: (r) => r.score },
  { header: '矩阵等级', width: 9, value: (r) => (r.matrixLevel ? levelName(r.matrixLevel) : '') },
  { header: '规则等级', width: 9, value: (r) => (r.ruleLevel ? levelName(r.ruleLevel) : '') },
  { header: '计算等级', width: 9, value: (r) => (r.computedLevel ? levelName(r.computedLevel) : '') },
  { header: '研判等级', width: 10, value: (r) => levelName(r.finalLevel) },
  { header: '调级理由', width: 24, value: (r) => r.overrideReason },
  { header: '节点上调', width: 24, value: (r) => r.escalationBasis },
  { header: '定级依据', width: 40, value: (r) => r.basis },
  { header: '规则版本', width: 9, value: (r) => r.ruleSetVersion },
  { header: '态势', width: 8, value: (r) => r.trend },
  { header: '研判意见', width: 40, value: (r) => r.analysis },
  { header: '对策建议', width: 40, value: (r) => r.countermeasures },
  { header: '报党委政府', width: 10, value: (r) => (r.reportUp ? '是' : '否') },
  { header: '下次研判', width: 12, value: (r) => r.nextReview },
  { header: '记录人', width: 10, value: (r) => r.createdBy },
];

export function* assessmentRows(db: Db): Generator<AssessmentExportRow> {
  const sql = `SELECT a.*, r.code, r.title, ${MEETING_COLUMNS}
    FROM assessments a JOIN risks r ON r.id = a.risk_id LEFT JOIN meetings m ON m.id = a.meeting_id
    WHERE r.deleted_at IS NULL ORDER BY r.code, a.assessed_on, a.id`;
  for (const x of db.prepare(sql).iterate() as Iterable<Record<string, unknown>>) {
    yield {
      id: x.id as number, code: x.code as string, title: x.title as string, assessedOn: x.assessed_on as string, kind: x.kind as string, meeting: meetingOf(x),
      likelihood: (x.likelihood as number | null) ?? null, impact: (x.impact as number | null) ?? null, score: (x.score as number | null) ?? null,
      matrixLevel: (x.matrix_level as number | null) ?? null, ruleLevel: (x.rule_level as number | null) ?? null, computedLevel: (x.computed_level as number | null) ?? null,
      finalLevel: x.final_level as number, overrideReason: (x.override_reason as string | null) ?? '', escalationBasis: (x.escalation_basis as string | null) ?? '',
      basis: x.basis as string, ruleSetVersion: x.rule_set_version as number, trend: (x.trend as string | null) ?? '', analysis: x.analysis as string,
      countermeasures: x.countermeasures as string, reportUp: x.report_up === 1, nextReview: (x.next_review as string | null) ?? '', createdBy: x.created_by as string,
    };
  }
}

export interface ActionExportRow {
  id: number; code: string; meeting: string; risks: string; content: string; leadUnit: string; coUnits: string[];
  leadLeader: string; contact: string; issuedAt: string; dueAt: string; originalDueAt: string; dueRule: string;
  feedbackCycle: string; state: string; closedOn: string; returnReason: string;
}

export const ACTION_COLUMNS: ExportColumn<ActionExportRow>[] = [
  { header: '交办编号', width: 14, value: (r) => r.code },
  { header: '交办会议', width: 30, value: (r) => r.meeting },
  { header: '涉及事项', width: 28, value: (r) => r.risks },
  { header: '交办内容', width: 44, value: (r) => r.content },
  { header: '牵头单位', width: 20, value: (r) => r.leadUnit },
  { header: '配合单位', width: 24, value: (r) => r.coUnits.join('、') },
  { header: '责任领导', width: 10, value: (r) => r.leadLeader },
  { header: '联系人', width: 14, value: (r) => r.contact },
  { header: '交办日期', width: 12, value: (r) => r.issuedAt },
  { header: '办结时限', width: 12, value: (r) => r.dueAt },
  { header: '原定时限', width: 12, value: (r) => r.originalDueAt },
  { header: '时限规则', width: 14, value: (r) => r.dueRule },
  { header: '反馈周期', width: 9, value: (r) => r.feedbackCycle },
  { header: '办理状态', width: 10, value: (r) => r.state },
  { header: '办结日期', width: 12, value: (r) => r.closedOn },
  { header: '退回理由', width: 24, value: (r) => r.returnReason },
];

export function* actionRows(db: Db): Generator<ActionExportRow> {
  const sql = `SELECT x.*, ${MEETING_COLUMNS},
      (SELECT group_concat(code, '、') FROM (SELECT r.code FROM action_risks ar JOIN risks r ON r.id = ar.risk_id WHERE ar.action_id = x.id ORDER BY r.code)) AS risk_codes
    FROM actions x LEFT JOIN meetings m ON m.id = x.meeting_id ORDER BY x.issued_at, x.code`;
  for (const x of db.prepare(sql).iterate() as Iterable<Record<string, unknown>>) {
    yield {
      id: x.id as number, code: x.code as string, meeting: meetingOf(x), risks: (x.risk_codes as string | null) ?? '', content: x.content as string,
      leadUnit: x.lead_unit as string, coUnits: JSON.parse(x.co_units as string) as string[], leadLeader: x.lead_leader as string, contact: x.contact as string,
      issuedAt: x.issued_at as string, dueAt: x.due_at as string, originalDueAt: x.original_due_at as string, dueRule: x.due_rule as string,
      feedbackCycle: x.feedback_cycle as string, state: x.state as string, closedOn: (x.closed_on as string | null) ?? '', returnReason: x.return_reason as string,
    };
  }
}
