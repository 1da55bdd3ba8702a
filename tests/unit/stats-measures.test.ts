// 统计 measures on a small constructed register (tests/unit/statsFixture.ts); every expected figure
// is worked out by hand in the comments (not by the code under test). Dates: risks and status changes
// are dated by the clock's instant read in Asia/Shanghai, so 2026-03-31T15:59Z is 31 March and
// 2026-03-31T16:00Z is 1 April.
import { describe, expect, it } from 'vitest';
import { tempDatabase } from './helpers.js';
import { updateUnit } from '../../db/units.js';
import { statsRecords, statsSummary } from '../../db/stats.js';
import { periodOf } from '../../shared/stats.js';
import { loadMigrations } from '../../db/migrate.js';
import { at, build, day } from './statsFixture.js';

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

  it('migrations 0009 and 0013 fill the history of existing data from the assessments and the audit log, with its marks', () => {
    const { db } = tempDatabase();
    const { r } = build(db);
    const cols = 'risk_id, on_date, until, status, level, prev_status, prev_level, entered_on, last_raised, last_lowered, last_closed, last_rebounded';
    const rows = () => db.prepare(`SELECT ${cols} FROM risk_history ORDER BY risk_id, on_date`).all();
    const kept = rows();
    // C by hand: 化解中 一般 from 10 January; 已销号 on 10 April; 反弹 on 20 May. Its marks: entered 10 January
    // on every row, the 销号 from 10 April on, the 反弹 from 20 May on, never raised or lowered.
    const marks = (closed: string | null, rebounded: string | null) => ({ entered_on: '2026-01-10', last_raised: null, last_lowered: null, last_closed: closed, last_rebounded: rebounded });
    expect(kept.filter((x) => (x as { risk_id: number }).risk_id === r.C)).toEqual([
      { risk_id: r.C, on_date: '2026-01-10', until: '2026-04-10', status: '化解中', level: 3, prev_status: null, prev_level: null, ...marks(null, null) },
      { risk_id: r.C, on_date: '2026-04-10', until: '2026-05-20', status: '已销号', level: 3, prev_status: '化解中', prev_level: 3, ...marks('2026-04-10', null) },
      { risk_id: r.C, on_date: '2026-05-20', until: null, status: '反弹', level: 3, prev_status: '已销号', prev_level: 3, ...marks('2026-04-10', '2026-05-20') },
    ]);
    // D (一般 → 重大 on 30 June → 低 on 1 July): raised from 30 June on, lowered from 1 July on.
    expect(kept.filter((x) => (x as { risk_id: number }).risk_id === r.D).map((x) => (x as { last_raised: string | null; last_lowered: string | null })).slice(-2)).toMatchObject([
      { last_raised: '2026-06-30', last_lowered: null },
      { last_raised: '2026-06-30', last_lowered: '2026-07-01' },
    ]);
    // A register from before 0009: the history is worked out again from its sources, then 0011's indexes and
    // 0013's marks (from the history itself) give the same rows as the app keeps up as it goes.
    db.exec('DROP TABLE risk_history; DROP TABLE stats_manual; DROP TABLE stats_reports;');
    for (const m of loadMigrations().filter((m) => m.version === 9 || m.version === 11 || m.version === 13)) db.exec(m.sql);
    expect(rows()).toEqual(kept);
  });
});
