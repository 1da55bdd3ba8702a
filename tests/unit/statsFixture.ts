// The small register the 统计 tests share; every figure it should give is worked out by hand in the tests.
import type { Db } from '../../db/open.js';
import type { WriteContext } from '../../db/context.js';
import { createRisk, deleteRisk, updateRisk } from '../../db/risks.js';
import { getRisk } from '../../db/risk-row.js';
import { recordAssessment } from '../../db/assessments.js';

export const at = (instant: string): WriteContext => ({ actor: '测试员', now: () => instant });
export const day = (d: string) => `${d}T02:00:00.000Z`; // 10:00 in Shanghai

export function build(db: Db) {
  const dom = (n: string) => db.prepare('SELECT id FROM domains WHERE name = ?').pluck().get(n) as number;
  const region = db.prepare('SELECT id FROM regions ORDER BY sort, id LIMIT 1').pluck().get() as number;
  const base = { regionId: region, domainId: dom('问题楼盘') };
  const r: Record<string, number> = {};
  const status = (k: string, s: string, instant: string) => updateRisk(db, at(instant), r[k], getRisk(db, r[k]).version, { status: s as never });
  // A: entered 23:59 on 31 March, 一般 (3×2=6), 在控.
  r.A = createRisk(db, at('2026-03-31T15:59:00.000Z'), { ...base, title: '甲小区逾期交房', likelihood: 3, impact: 2, status: '在控' }).id;
  // B: entered 00:00 on 1 April, 重大 (4×4=16), with a 包案领导, 劳动社保.
  r.B = createRisk(db, at('2026-03-31T16:00:00.000Z'), { ...base, domainId: dom('劳动社保'), title: '乙公司欠薪', likelihood: 4, impact: 4, packageLeader: '王副市长' }).id;
  // C: entered 10 January, 一般, 化解中, 包案; 已销号 on 10 April, 反弹 on 20 May.
  r.C = createRisk(db, at(day('2026-01-10')), { ...base, title: '丙项目征收补偿', likelihood: 2, impact: 3, status: '化解中', packageLeader: '李局长' }).id;
  status('C', '已销号', day('2026-04-10'));
  status('C', '反弹', day('2026-05-20'));
  // D: entered 1 February, 低 (2×2=4); raised to 重大 on 30 June, lowered to 低 on 1 July.
  r.D = createRisk(db, at(day('2026-02-01')), { ...base, title: '丁集资平台', likelihood: 2, impact: 2 }).id;
  recordAssessment(db, at(day('2026-07-02')), { riskId: r.D, likelihood: 4, impact: 4, assessedOn: '2026-06-30' });
  recordAssessment(db, at(day('2026-07-02')), { riskId: r.D, likelihood: 1, impact: 2, assessedOn: '2026-07-01' });
  // E: entered 15 April, 化解中; 转司法终结 at 00:30 on 1 July (so not closed in the second quarter).
  r.E = createRisk(db, at(day('2026-04-15')), { ...base, title: '戊医疗纠纷', likelihood: 1, impact: 1, status: '化解中' }).id;
  status('E', '转司法终结', '2026-06-30T16:30:00.000Z');
  // F: entered 2 April and deleted: never counted.
  r.F = createRisk(db, at(day('2026-04-02')), { ...base, title: '己（误录）', likelihood: 5, impact: 5 }).id;
  deleteRisk(db, at(day('2026-05-01')), r.F, getRisk(db, r.F).version, '误录');

  // Meetings: held 周例会 6 April, 专题会 28 April before 五一 (held), 周例会 29 June still 筹备,
  // 节点会 11 May cancelled, 周例会 30 March (March), 专题会 28 September before 国庆 (third quarter).
  const meet = (no: number, type: string, date: string, state: string, sensitive = '') =>
    Number(
      db
        .prepare("INSERT INTO meetings (year, session_no, type, date, state, sensitive_period, created_at, updated_at) VALUES (2026, ?, ?, ?, ?, ?, 'x', 'x')")
        .run(no, type, date, state, sensitive).lastInsertRowid,
    );
  const m1 = meet(1, '周例会', '2026-04-06', '已召开');
  const m2 = meet(2, '专题会', '2026-04-28', '已召开', '五一');
  meet(3, '周例会', '2026-06-29', '筹备');
  meet(4, '节点会', '2026-05-11', '已取消');
  meet(5, '周例会', '2026-03-30', '已归档');
  meet(6, '专题会', '2026-09-28', '已召开', '中秋/国庆');
  // At m1: A. At m2: B on the agenda, A confirmed on the consent list (一揽子研判) keeping its level.
  recordAssessment(db, at(day('2026-04-06')), { riskId: r.A, likelihood: 3, impact: 2, assessedOn: '2026-04-06', meetingId: m1 });
  db.prepare("INSERT INTO agenda_items (meeting_id, risk_id, position, status) VALUES (?, ?, 1, '已议')").run(m2, r.B);
  db.prepare("INSERT INTO agenda_proposals (meeting_id, risk_id, rank, list, score, minutes, reasons) VALUES (?, ?, 1, 'main', 1, 3, '[]'), (?, ?, 2, 'consent', 1, 1, '[]')").run(m2, r.B, m2, r.A);
  recordAssessment(db, at(day('2026-04-28')), { riskId: r.B, likelihood: 4, impact: 4, assessedOn: '2026-04-28', meetingId: m2 });
  recordAssessment(db, at(day('2026-04-28')), { riskId: r.A, likelihood: 3, impact: 2, assessedOn: '2026-04-28', meetingId: m2 });
  db.prepare("UPDATE meetings SET state = '已签发' WHERE id = ?").run(m1);

  // Assignments (交办).
  const act = (code: string, unit: string, issued: string, due: string, state: string, closed: string | null) =>
    Number(
      db
        .prepare("INSERT INTO actions (code, content, lead_unit, issued_at, due_at, original_due_at, state, closed_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')")
        .run(code, `${code} 化解工作`, unit, issued, due, due, state, closed).lastInsertRowid,
    );
  act('X1', '住建局', '2026-04-01', '2026-04-30', '办结', '2026-04-30'); // closed on its due day: on time
  act('X2', '住建局', '2026-04-01', '2026-04-30', '办结', '2026-05-01'); // the day after: late
  const x3 = act('X3', '人社局', '2026-05-06', '2026-05-29', '办理中', null); // open, 32 days overdue on 30 June → 通报
  const x4 = act('X4', '人社局', '2026-06-10', '2026-07-10', '办理中', null); // not yet due
  act('X5', '人社局', '2026-06-01', '2026-06-20', '办结', '2026-06-22'); // due on a Saturday of 端午: moves to Monday 22 June, on time
  act('X6', '人社局', '2026-04-01', '2026-04-10', '办结', '2026-04-09'); // early: on time
  db.prepare("INSERT INTO action_feedback (action_id, date, kind, text, created_at) VALUES (?, '2026-05-20', '退回', '答复不具体', 'x')").run(x3);
  db.prepare("INSERT INTO action_extensions (action_id, days, reason, requested_on, requested_by, status, decided_on) VALUES (?, 10, '需协调', '2026-06-14', '人社局', '已批准', '2026-06-15')").run(x4);
  return { r, m2 };
}

