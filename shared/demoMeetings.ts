// A year of realistic past for the demo: weekly meetings (专题会 before sensitive periods), their
// agendas and minutes, and action items in every state — some overdue at each supervision level.
// Pure and deterministic from seed and asOf, so tests can recompute what the views must show.
import { addDays, weekStart, yearOf, type IsoDate } from './dates.js';
import { addWorkingDays, defaultMeetingDate, nextWorkingDayOnOrAfter, type WorkCalendar } from './calendar.js';
import { DEFAULT_SUPERVISION, dueStatus, type SupervisionLevel } from './actions.js';
import { mulberry32 } from './demo.js';
import type { ActionState } from './actions.js';
import type { AgendaReason } from './agenda.js';
import { type MeetingState, type MeetingType } from './meetings.js';
import { draftMinutes } from './minutes.js';

export interface HistoryRisk {
  id: number;
  code: string;
  title: string;
  level: number | null;
  status: string;
  firstFound: IsoDate;
  leadUnit: string;
}

export interface DemoMeeting {
  type: MeetingType;
  date: IsoDate;
  year: number;
  sessionNo: number;
  state: MeetingState;
  chair: string;
  attendees: string[];
  onLeave: string[];
  observers: string[];
  sensitivePeriod: string;
  minutesNo: string;
  minutesText: string;
  /** Signed versions, oldest first; a superseded one carries its reopen reason. */
  versions: Array<{ text: string; reopenReason: string | null }>;
  items: Array<{ riskId: number; minutes: number; status: '待议' | '已议' | '未议'; reasons: AgendaReason[] }>;
}

export interface DemoFeedback {
  date: IsoDate;
  kind: '进展' | '办理结果' | '退回' | '审核' | '延期' | '签收';
  text: string;
  by: string;
}

export interface DemoAction {
  /** JB-YYYY-NNN, numbered within the year of issue in the order the actions were made. */
  code: string;
  meetingIndex: number;
  riskIds: number[];
  content: string;
  leadUnit: string;
  leadLeader: string;
  contact: string;
  issuedAt: IsoDate;
  dueAt: IsoDate;
  dueRule: string;
  state: ActionState;
  closedOn: IsoDate | null;
  returnReason: string;
  feedback: DemoFeedback[];
  pendingExtension: { days: number; reason: string; requestedOn: IsoDate } | null;
}

export interface HistoryOptions {
  seed: number;
  asOf: IsoDate;
  cal: WorkCalendar;
  risks: HistoryRisk[];
  /** Holiday blocks from the calendar (春节, 国庆节 …) that get a 专题会 a week before. */
  sensitive: Array<{ name: string; start: IsoDate }>;
}

const CHAIR = '王建国';
const ATTENDEES = ['王建国', '李明', '赵红', '陈志强', '刘芳', '孙伟', '周敏'];
const OBSERVERS = ['市公安局 吴刚', '市住建局 郑丽', '市人社局 冯涛'];
const CONTACTS = ['张科长', '李主任', '王股长', '刘科员', '陈副主任'];
const TASKS = [
  '压实属地责任，专班每日走访，做好重点人员稳控，确保不发生赴省进京',
  '一周内拿出化解方案，明确资金来源和时间表，报局领导审定',
  '会同相关部门开展政策答复，逐人释法明理，书面答复诉求人',
  '加强舆情监测，发现苗头性信息及时报告、及时处置',
  '包案领导本周内接访一次，当面听取诉求，形成接访记录',
  '核实涉及人数和金额，建立一人一档，台账每周更新',
  '敏感节点期间落实 24 小时值班，重点人员逐一见面',
];
const PROGRESS = ['已召开专题协调会', '已完成入户走访 80%', '已形成初步方案待审定', '已与诉求人代表座谈一次', '舆情平稳，未发现异常', '已落实包保责任人'];

export function generateDemoHistory(o: HistoryOptions): { meetings: DemoMeeting[]; actions: DemoAction[] } {
  const rand = mulberry32(o.seed ^ 0x5eed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

  // Dates: each Monday of the past year (or the next working day), plus 专题会 about a week before
  // each sensitive period, plus the coming meeting in 筹备.
  const plan: Array<{ date: IsoDate; type: MeetingType; sensitive: string }> = [];
  const thisMonday = weekStart(o.asOf);
  for (let w = 52; w >= 0; w--) {
    const monday = addDays(thisMonday, -7 * w);
    const date = nextWorkingDayOnOrAfter(monday, o.cal);
    if (date > addDays(monday, 4) || date > o.asOf) continue; // a whole week off (春节): no meeting
    plan.push({ date, type: '周例会', sensitive: '' });
  }
  for (const s of o.sensitive) {
    const date = nextWorkingDayOnOrAfter(addDays(s.start, -8), o.cal);
    if (date >= addDays(thisMonday, -7 * 52) && date <= o.asOf && !plan.some((p) => p.date === date)) plan.push({ date, type: '专题会', sensitive: s.name });
  }
  for (const p of plan) {
    const near = o.sensitive.find((s) => p.date <= s.start && addDays(p.date, 15) >= s.start);
    if (near && !p.sensitive) p.sensitive = near.name;
  }
  plan.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const upcoming = defaultMeetingDate(o.asOf, o.cal);

  const meetings: DemoMeeting[] = [];
  const actions: DemoAction[] = [];
  const session = new Map<number, number>();
  const open = new Set(['化解中', '在控', '待研判', '稳控', '申请销号', '反弹']);
  const riskById = new Map(o.risks.map((r) => [r.id, r]));

  plan.forEach((p, idx) => {
    const year = yearOf(p.date);
    const sessionNo = (session.get(year) ?? 0) + 1;
    session.set(year, sessionNo);
    const age = o.asOf > p.date ? Math.round((Date.parse(o.asOf) - Date.parse(p.date)) / 86_400_000) : 0;
    const state: MeetingState = age <= 6 ? '纪要拟稿' : age <= 28 ? '已签发' : '已归档';
    const pool = o.risks.filter((r) => r.firstFound <= p.date && open.has(r.status));
    const n = Math.min(pool.length, p.type === '专题会' ? int(4, 6) : int(6, 10));
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(pick(pool).id);
    const items = [...chosen]
      .map((id) => riskById.get(id)!)
      .sort((a, b) => (a.level ?? 9) - (b.level ?? 9) || (a.code < b.code ? -1 : 1))
      .map((r, i, all) => ({
        riskId: r.id,
        minutes: r.level === 1 ? 8 : r.level === 2 ? 5 : 3,
        // The latest meeting ran out of time for its last item, so the next agenda carries it over.
        status: (state === '纪要拟稿' && i === all.length - 1 ? '未议' : '已议') as '已议' | '未议',
        reasons: [{ kind: r.firstFound > addDays(p.date, -7) ? 'new' : 'dueForReview', detail: r.firstFound > addDays(p.date, -7) ? '上次会议后新增' : '定期研判' }] as AgendaReason[],
      }));
    const onLeave = rand() < 0.4 ? [pick(ATTENDEES.slice(1))] : [];
    const meeting: DemoMeeting = {
      type: p.type,
      date: p.date,
      year,
      sessionNo,
      state,
      chair: CHAIR,
      attendees: ATTENDEES.filter((x) => !onLeave.includes(x)),
      onLeave,
      observers: p.type === '专题会' ? OBSERVERS : OBSERVERS.slice(0, int(0, 2)),
      sensitivePeriod: p.sensitive,
      minutesNo: `${year}年第${sessionNo}期`,
      minutesText: '',
      versions: [],
      items,
    };
    const meetingIndex = meetings.length;
    meetings.push(meeting);

    // 1–3 assignments per meeting from its discussed items.
    const assigned = items.filter((i) => i.status === '已议').slice(0, int(1, 3));
    for (const it of assigned) {
      const r = riskById.get(it.riskId)!;
      const days = pick([7, 10, 15, 30]);
      const working = rand() < 0.3;
      const due = working ? addWorkingDays(p.date, days, o.cal) : nextWorkingDayOnOrAfter(addDays(p.date, days), o.cal);
      actions.push(makeAction(meetingIndex, r, p.date, due, working ? `${days}个工作日` : `${days}个自然日`));
    }
    meeting.minutesText = minutesText(meeting, (id) => riskById.get(id)!, actions.filter((a) => a.meetingIndex === meetingIndex));
    if (state !== '纪要拟稿') meeting.versions = [{ text: meeting.minutesText, reopenReason: null }];
    if (idx === 3 && state === '已归档') {
      // One meeting shows a reopened, re-signed minutes: the first signed text stays readable.
      const first = meeting.minutesText.replace(/请假：[^\n]*/, '请假：无');
      meeting.versions = [{ text: first, reopenReason: '补记请假人员' }, { text: meeting.minutesText, reopenReason: null }];
    }
  });

  meetings.push({
    type: '周例会', date: upcoming, year: yearOf(upcoming), sessionNo: (session.get(yearOf(upcoming)) ?? 0) + 1, state: '筹备', chair: CHAIR,
    attendees: ATTENDEES, onLeave: [], observers: [], sensitivePeriod: '', minutesNo: '', minutesText: '', versions: [], items: [],
  });

  // States by age, then a guaranteed showcase: every state, and one open action at each level.
  for (const a of actions) settle(a);
  const showcase: Array<[number, ActionState, SupervisionLevel]> = [[-2, '已签收', '提醒'], [3, '办理中', '催办'], [10, '已交办', '督办单'], [20, '退回重办', '挂牌督办'], [45, '办理中', '通报']];
  const old = actions.filter((a) => a.issuedAt <= addDays(o.asOf, -60));
  showcase.forEach(([target, state, level], i) => {
    const a = old[old.length - 1 - i * 3];
    if (!a) return;
    // A due date on a day off shifts to the next working day; walk back until the level is the one shown.
    let lateBy = target;
    while (lateBy < target + 12 && dueStatus({ state, dueAt: addDays(o.asOf, -lateBy) }, o.asOf, DEFAULT_SUPERVISION, o.cal).level !== level) lateBy++;
    a.dueAt = addDays(o.asOf, -lateBy);
    a.state = state;
    a.closedOn = null;
    a.feedback = a.feedback.filter((f) => f.kind === '签收' || f.kind === '进展');
    if (state === '已交办') a.feedback = [];
    if (state === '退回重办') {
      a.returnReason = '反馈材料未附书面答复，措施不具体';
      a.feedback.push({ date: addDays(o.asOf, -lateBy - 3), kind: '办理结果', text: '已按要求办理', by: a.contact }, { date: addDays(o.asOf, -lateBy - 1), kind: '退回', text: a.returnReason, by: '市信访局' });
    }
  });
  const recent = actions.filter((a) => a.issuedAt > addDays(o.asOf, -14));
  (['已交办', '已签收', '办理中', '已反馈'] as ActionState[]).forEach((s, i) => {
    if (recent[i] && !actions.some((a) => a.state === s)) recent[i].state = s;
  });
  const ext = actions.find((a) => a.state === '办理中' && a.dueAt > o.asOf);
  if (ext) ext.pendingExtension = { days: 15, reason: '涉及资产评估，需第三方机构出具报告', requestedOn: addDays(o.asOf, -1) };
  return { meetings, actions };

  function makeAction(meetingIndex: number, r: HistoryRisk, issued: IsoDate, due: IsoDate, rule: string): DemoAction {
    const year = issued.slice(0, 4);
    const code = `JB-${year}-${String(actions.filter((a) => a.issuedAt.slice(0, 4) === year).length + 1).padStart(3, '0')}`;
    return {
      code, meetingIndex, riskIds: [r.id], content: pick(TASKS), leadUnit: r.leadUnit || '属地县区', leadLeader: `${pick(['分管副区长', '分管副县长', '局长'])}`,
      contact: pick(CONTACTS), issuedAt: issued, dueAt: due, dueRule: rule, state: '已交办', closedOn: null, returnReason: '', feedback: [], pendingExtension: null,
    };
  }

  function settle(a: DemoAction): void {
    const by = a.contact;
    const signOn = addDays(a.issuedAt, 1);
    if (signOn > o.asOf) return;
    a.feedback.push({ date: signOn, kind: '签收', text: '已签收', by });
    const oldEnough = a.dueAt < addDays(o.asOf, -10);
    if (oldEnough && rand() < 0.95) {
      const closed = addDays(a.dueAt, rand() < 0.8 ? -int(0, 4) : int(1, 8));
      const reported = addDays(closed, -1) > signOn ? addDays(closed, -1) : signOn;
      a.feedback.push({ date: addDays(signOn, 3) < reported ? addDays(signOn, 3) : reported, kind: '进展', text: pick(PROGRESS), by });
      a.feedback.push({ date: reported, kind: '办理结果', text: '已按交办要求办理完毕，诉求人表示认可，书面答复附后', by });
      a.feedback.push({ date: closed, kind: '审核', text: '审核通过，予以办结', by: '市信访局' });
      a.state = '办结';
      a.closedOn = closed;
      return;
    }
    const roll = rand();
    a.state = roll < 0.35 ? '办理中' : roll < 0.55 ? '已签收' : roll < 0.8 ? '已反馈' : '办理中';
    if (a.state !== '已签收') a.feedback.push({ date: addDays(signOn, 2) < o.asOf ? addDays(signOn, 2) : o.asOf, kind: '进展', text: pick(PROGRESS), by });
    if (a.state === '已反馈') a.feedback.push({ date: o.asOf < a.dueAt ? o.asOf : a.dueAt, kind: '办理结果', text: '已完成交办事项，请审核', by });
  }
}

/** The demo's signed minutes are what the draft generator gives for its record (one source of wording). */
function minutesText(m: DemoMeeting, risk: (id: number) => HistoryRisk, acts: DemoAction[]): string {
  return draftMinutes({
    meeting: m,
    agenda: m.items.map((it) => ({ riskId: it.riskId, riskCode: risk(it.riskId).code, riskTitle: risk(it.riskId).title, status: it.status })),
    drafts: m.items.map((it) => ({ riskId: it.riskId, field: 'analysis', text: '经研判，维持现有等级，继续落实稳控化解措施。' })),
    actions: acts.map((a) => ({ code: a.code, leadUnit: a.leadUnit, content: a.content, dueAt: a.dueAt, riskIds: a.riskIds })),
  });
}
