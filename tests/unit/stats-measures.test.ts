// 统计 measures on a small constructed register; every expected figure is worked out by hand in the
// comments below (not by the code under test). Dates: risks and status changes are dated by the
// clock's instant read in Asia/Shanghai, so 2026-03-31T15:59Z is 31 March and 2026-03-31T16:00Z is 1 April.
import { describe, expect, it } from 'vitest';
import { tempDatabase } from './helpers.js';
import type { Db } from '../../db/open.js';
import type { WriteContext } from '../../db/context.js';
import { createRisk, deleteRisk, updateRisk } from '../../db/risks.js';
import { getRisk } from '../../db/risk-row.js';
import { recordAssessment } from '../../db/assessments.js';
import { updateUnit } from '../../db/units.js';
import { statsRecords, statsSummary } from '../../db/stats.js';
import { periodOf } from '../../shared/stats.js';
import { loadMigrations } from '../../db/migrate.js';

const at = (instant: string): WriteContext => ({ actor: '测试员', now: () => instant });
const day = (d: string) => `${d}T02:00:00.000Z`; // 10:00 in Shanghai

function build(db: Db) {
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

describe('统计 measures on a constructed register', () => {
  it('counts the second quarter exactly to the day', () => {
    const { db } = tempDatabase();
    build(db);
    const s = statsSummary(db, periodOf('quarter', '2026-05-01'), '2026-11-25', true);
    const q = s.current;
    expect([q.from, q.to]).toEqual(['2026-04-01', '2026-06-30']);
    const n = (m: keyof typeof q.risks) => q.risks[m].total;
    // 期初在册 at the end of 31 March: A (entered 23:59), C, D. B entered at 00:00 on 1 April.
    expect(n('openStart')).toBe(3);
    expect(q.risks.openStart.byLevel).toEqual([0, 0, 0, 2, 1]); // A, C 一般; D 低
    expect(n('entered')).toBe(2); // B, E (F deleted)
    expect(n('raised')).toBe(1); // D on 30 June
    expect(n('lowered')).toBe(0); // D's lowering is on 1 July
    expect(n('closed')).toBe(1); // C; E's 转司法终结 is 00:30 on 1 July
    expect(n('resolved')).toBe(1);
    expect(n('rebounded')).toBe(1); // C, closed and rebounded in the same quarter
    expect(n('openEnd')).toBe(5); // A, B, C (反弹), D, E
    expect(q.risks.openEnd.byLevel).toEqual([0, 2, 0, 2, 1]); // B, D 重大 on 30 June; A, C 一般; E 低
    // 化解率 = 1 / (3 + 2); 在控率 = A 在控 + E 化解中 = 2 / 5; 包案化解率 = C / (C + B).
    expect(q.rates.resolveRate).toEqual({ value: 20, num: 1, den: 5 });
    expect(q.rates.controlRate).toEqual({ value: 40, num: 2, den: 5 });
    expect(q.rates.packageRate).toEqual({ value: 50, num: 1, den: 2 });
    // Meetings held: 周例会 6 April and 专题会 28 April (before 五一); 筹备 and 已取消 do not count.
    expect(q.meetings).toEqual({ total: 2, byType: { 周例会: 1, 专题会: 1 } });
    expect([q.assessments.total, q.assessments.consent, n('assessedRisks')]).toEqual([3, 1, 2]);
    // Assignments: issued X1–X6; done X1, X2, X5, X6; due X1, X2, X3, X5, X6; on time X1, X5, X6.
    expect(q.unitTotal).toMatchObject({ issued: 6, done: 4, due: 5, onTime: 3, returned: 1, extended: 1, overdue: 1, onTimeRate: 60, overdueBy: { 通报: 1 } });
    expect(q.units.map((u) => [u.unit, u.due, u.onTime, u.onTimeRate, u.avgDays])).toEqual([
      ['人社局', 3, 2, 66.7, 14.5], // X5 21 days, X6 8 days
      ['住建局', 2, 1, 50, 29.5], // X1 29 days, X2 30 days
    ]);
  });

  it('puts the midnight edges in the right month and compares with the period before and last year', () => {
    const { db } = tempDatabase();
    build(db);
    const march = statsSummary(db, periodOf('month', '2026-03-15'), '2026-11-25', true);
    expect(march.current.risks.entered.total).toBe(1); // A at 23:59 on 31 March
    expect(march.current.meetings.total).toBe(1); // 周例会 30 March
    expect(march.previous!.period).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(march.previous!.risks.entered.total).toBe(1); // D
    expect(march.lastYear!.period).toMatchObject({ from: '2025-03-01', to: '2025-03-31' });
    expect(march.lastYear!.risks.openEnd.total).toBe(0);
    const april = statsSummary(db, periodOf('month', '2026-04-01'), '2026-11-25', false);
    expect(april.current.risks.entered.total).toBe(2); // B at 00:00 on 1 April, E
    expect(april.current.risks.closed.total).toBe(1);
    expect(april.current.risks.rebounded.total).toBe(0); // C rebounded in May
    const q3 = statsSummary(db, periodOf('quarter', '2026-08-01'), '2026-11-25', false).current;
    expect([q3.risks.lowered.total, q3.risks.closed.total, q3.meetings.byType.专题会]).toEqual([1, 1, 1]); // D; E; 28 September
    const year = statsSummary(db, periodOf('year', '2026-06-01'), '2026-11-25', false).current;
    expect(year.to).toBe('2026-11-25'); // clipped to the as-of day
    expect(year.meetings).toEqual({ total: 4, byType: { 周例会: 2, 专题会: 2 } });
  });

  it('drills from every figure to exactly the records it counts, paged', () => {
    const { db } = tempDatabase();
    const { r } = build(db);
    const p = periodOf('quarter', '2026-05-01');
    const codes = (m: Parameters<typeof statsRecords>[1], f = {}, offset = 0, limit = 50) => statsRecords(db, m, p, '2026-11-25', f, offset, limit);
    expect(codes('openStart').rows.map((x) => x.title)).toEqual(['甲小区逾期交房', '丙项目征收补偿', '丁集资平台']);
    expect(codes('rebounded').rows.map((x) => x.id)).toEqual([r.C]);
    const page2 = codes('openEnd', {}, 2, 2);
    expect([page2.total, page2.rows.length]).toEqual([5, 2]);
    expect(codes('openEnd', { level: 1 }).rows.map((x) => x.id)).toEqual([r.B, r.D]);
    expect(codes('consent').rows.map((x) => x.title)).toEqual(['甲小区逾期交房']);
    expect(codes('meetings', { meetingType: '专题会' }).rows.map((x) => x.title)).toEqual(['专题会（五一）']);
    expect(codes('onTime').rows.map((x) => x.code)).toEqual(['X1', 'X5', 'X6']);
    expect(codes('overdue', { supervision: '通报' }).rows.map((x) => x.code)).toEqual(['X3']);
  });

  it('keeps a renamed unit\'s history under its new name', () => {
    const { db } = tempDatabase();
    build(db);
    const id = db.prepare("SELECT id FROM units WHERE name = '人社局'").pluck().get() as number;
    updateUnit(db, at(day('2026-11-20')), { id, name: '市人力资源和社会保障局' });
    const q = statsSummary(db, periodOf('quarter', '2026-05-01'), '2026-11-25', false).current;
    expect(q.units[0]).toMatchObject({ unit: '市人力资源和社会保障局', due: 3, onTime: 2 });
  });

  it('migration 0009 fills the history of existing data from the assessments and the audit log', () => {
    const { db } = tempDatabase();
    const { r } = build(db);
    const rows = () => db.prepare('SELECT risk_id, on_date, until, status, level, prev_status, prev_level FROM risk_history ORDER BY risk_id, on_date').all();
    const kept = rows();
    // C by hand: 化解中 一般 from 10 January; 已销号 on 10 April; 反弹 on 20 May.
    expect(kept.filter((x) => (x as { risk_id: number }).risk_id === r.C)).toEqual([
      { risk_id: r.C, on_date: '2026-01-10', until: '2026-04-10', status: '化解中', level: 3, prev_status: null, prev_level: null },
      { risk_id: r.C, on_date: '2026-04-10', until: '2026-05-20', status: '已销号', level: 3, prev_status: '化解中', prev_level: 3 },
      { risk_id: r.C, on_date: '2026-05-20', until: null, status: '反弹', level: 3, prev_status: '已销号', prev_level: 3 },
    ]);
    db.exec('DROP TABLE risk_history; DROP TABLE stats_manual; DROP TABLE stats_reports;');
    db.exec(loadMigrations().find((m) => m.version === 9)!.sql);
    expect(rows()).toEqual(kept);
  });
});
