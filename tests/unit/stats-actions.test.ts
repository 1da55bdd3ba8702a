// 交办 measures and the working calendar: the SQL of db/statsActions.ts takes, from shared/statsActions.ts,
// the run of due dates whose effective due date (next working day on or after) falls in a period and the
// days of it that move. Expected values are worked out by hand from the 2026 calendar of migration 0003
// (1 October 2026 is a Thursday; 国庆 1–7 October, 调休 上班 Sunday 20 September and Saturday 10 October;
// 中秋 25–27 September, Friday to Sunday; 端午 19–21 June, Friday to Sunday).
import { describe, expect, it } from 'vitest';
import { tempDatabase, testContext } from './helpers.js';
import { dueWindow } from '../../shared/statsActions.js';
import { getCalendar, setCalendarDay } from '../../db/calendar.js';
import { statsRecords } from '../../db/stats.js';
import { unitTable } from '../../db/statsActions.js';
import type { Db } from '../../db/open.js';

describe('the due window of a period', () => {
  it('takes the due dates that move into the period and leaves out those that move past its end', () => {
    const { db } = tempDatabase();
    const cal = getCalendar(db);
    // October: 30 September (Wednesday) is due on itself, before the month; 1–7 October move to Thursday 8th;
    // Saturday 31st moves to Monday 2 November, past the month, so the run ends on Friday 30th. Saturday
    // 10th is worked (调休): it stays; Sunday 11th moves to Monday 12th.
    expect(dueWindow('2026-10-01', '2026-10-31', cal)).toEqual({
      dueFrom: '2026-10-01',
      dueTo: '2026-10-30',
      moved: {
        '2026-10-01': '2026-10-08', '2026-10-02': '2026-10-08', '2026-10-03': '2026-10-08', '2026-10-04': '2026-10-08',
        '2026-10-05': '2026-10-08', '2026-10-06': '2026-10-08', '2026-10-07': '2026-10-08', '2026-10-11': '2026-10-12',
        '2026-10-17': '2026-10-19', '2026-10-18': '2026-10-19', '2026-10-24': '2026-10-26', '2026-10-25': '2026-10-26',
      },
    });
    // From Monday 22 June: 端午 (19–21 June) is due on the 22nd, so the run starts before the period.
    expect(dueWindow('2026-06-22', '2026-06-30', cal)).toEqual({
      dueFrom: '2026-06-19',
      dueTo: '2026-06-30',
      moved: { '2026-06-19': '2026-06-22', '2026-06-20': '2026-06-22', '2026-06-21': '2026-06-22', '2026-06-27': '2026-06-29', '2026-06-28': '2026-06-29' },
    });
    // The week from Monday 14 September: the weekend before moves to the 14th; Saturday 19th moves to the
    // worked Sunday 20th, not to Monday.
    expect(dueWindow('2026-09-14', '2026-09-20', cal)).toEqual({
      dueFrom: '2026-09-12',
      dueTo: '2026-09-20',
      moved: { '2026-09-12': '2026-09-14', '2026-09-13': '2026-09-14', '2026-09-19': '2026-09-20' },
    });
    // A period of one day off: nothing falls due on it (the run is empty).
    const off = dueWindow('2026-10-03', '2026-10-03', cal);
    expect(off.dueFrom > off.dueTo).toBe(true);
  });
});

const act = (db: Db, code: string, due: string, closed: string, unit = '住建局') =>
  db
    .prepare("INSERT INTO actions (code, content, lead_unit, issued_at, due_at, original_due_at, state, closed_on, created_at, updated_at) VALUES (?, '办理', ?, '2026-09-01', ?, ?, '办结', ?, 'x', 'x')")
    .run(code, unit, due, due, closed);

const codes = (db: Db, m: 'due' | 'onTime' | 'issued', from: string, to: string, unitId?: number) =>
  statsRecords(db, m, { kind: 'range', from, to }, '2026-11-25', unitId === undefined ? {} : { unitId }, 0, 50).rows.map((r) => r.code);

describe('交办 figures and the working calendar', () => {
  it('follows a due date on a 调休 day and a change of the calendar at once', () => {
    const { db } = tempDatabase();
    act(db, 'S1', '2026-09-19', '2026-09-20'); // Saturday → worked Sunday 20th, closed that day: on time
    act(db, 'S2', '2026-09-20', '2026-09-21'); // due on the worked Sunday itself, closed Monday: late
    act(db, 'F1', '2026-10-16', '2026-10-19'); // an ordinary Friday, closed Monday: late
    const week = (from: string, to: string) => unitTable(db, { from, to }).total;
    // 14–21 September: both fall due on the worked Sunday; S2, closed on the period's last day, counts.
    expect(week('2026-09-14', '2026-09-21')).toMatchObject({ due: 2, onTime: 1 });
    expect(codes(db, 'onTime', '2026-09-14', '2026-09-21')).toEqual(['S1']);
    // Up to Sunday 20th S2 is neither closed nor past its due day: not yet 应办结.
    expect(week('2026-09-14', '2026-09-20')).toMatchObject({ due: 1, onTime: 1 });
    expect(week('2026-10-12', '2026-10-18')).toMatchObject({ due: 1, onTime: 0 });
    // At the end of Saturday 17th F1 is one day past due and not yet closed (closed on the 19th): 超期, 催办.
    expect(week('2026-10-12', '2026-10-17')).toMatchObject({ due: 1, overdue: 1, overdueBy: { 催办: 1 } });
    // Friday 16 October made a day off: F1 is now due on Monday 19th, in the next week, and on time.
    setCalendarDay(db, testContext(), { date: '2026-10-16', kind: 'holiday', name: '放假' });
    expect(week('2026-10-12', '2026-10-18')).toMatchObject({ due: 0, onTime: 0 });
    expect(week('2026-10-12', '2026-10-17')).toMatchObject({ due: 0, overdue: 0, overdueBy: {} });
    expect(week('2026-10-19', '2026-10-25')).toMatchObject({ due: 1, onTime: 1 });
    expect(codes(db, 'due', '2026-10-19', '2026-10-25')).toEqual(['F1']);
    // Sunday 20 September back to an ordinary Sunday: S1 and S2 both move to Monday 21st, both on time.
    setCalendarDay(db, testContext(), { date: '2026-09-20', kind: 'normal', name: '' });
    expect(week('2026-09-14', '2026-09-20')).toMatchObject({ due: 0, onTime: 0 });
    expect(week('2026-09-14', '2026-09-21')).toMatchObject({ due: 2, onTime: 2 });
    expect(codes(db, 'onTime', '2026-09-21', '2026-09-27')).toEqual(['S1', 'S2']);
  });

  it('lists one unit\'s assignments, or those with no unit (unit 0)', () => {
    const { db } = tempDatabase();
    act(db, 'Z1', '2026-10-16', '2026-10-16');
    act(db, 'R1', '2026-10-16', '2026-10-15', '人社局');
    act(db, 'N1', '2026-10-16', '2026-10-16', '');
    act(db, 'R2', '2026-10-16', '2026-10-16', '人社局');
    const rsj = db.prepare("SELECT id FROM units WHERE name = '人社局'").pluck().get() as number;
    expect(codes(db, 'issued', '2026-09-01', '2026-09-30')).toEqual(['Z1', 'R1', 'N1', 'R2']);
    expect(codes(db, 'issued', '2026-09-01', '2026-09-30', rsj)).toEqual(['R1', 'R2']);
    expect(codes(db, 'onTime', '2026-10-12', '2026-10-18', 0)).toEqual(['N1']);
    expect(unitTable(db, { from: '2026-10-12', to: '2026-10-18' }).units.map((u) => [u.unitId, u.onTime])).toEqual(expect.arrayContaining([[rsj, 2], [0, 1]]));
  });

  it('gives the overdue levels in the ladder\'s order, whatever order the assignments come in', () => {
    const { db } = tempDatabase();
    const open = (code: string, due: string) =>
      db.prepare("INSERT INTO actions (code, content, lead_unit, issued_at, due_at, original_due_at, state, created_at, updated_at) VALUES (?, '办理', '住建局', '2026-09-01', ?, ?, '办理中', 'x', 'x')").run(code, due, due);
    // At the end of 30 November: due Friday 23 October, 38 days late → 通报; due Friday 27 November, 3 days → 催办.
    open('O1', '2026-10-23');
    open('O2', '2026-11-27');
    const t = unitTable(db, { from: '2026-11-01', to: '2026-11-30' }).total;
    expect(Object.entries(t.overdueBy)).toEqual([['催办', 1], ['通报', 1]]);
  });
});
