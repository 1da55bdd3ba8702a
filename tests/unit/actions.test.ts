// The action state machine (every state × every event), 临期/超期 and the supervision ladder
// around each threshold, with holidays from the shipped calendar.
import { describe, expect, it } from 'vitest';
import { ACTION_EVENTS, ACTION_STATES, actionEventRoleNote, actionTransition, DEFAULT_SUPERVISION, dueStatus, onTimeRate, type ActionEvent, type ActionState } from '../../shared/actions.js';
import { addWorkingDays, buildCalendar, defaultMeetingDate, dueDateFrom, EMPTY_CALENDAR, isWorkingDay } from '../../shared/calendar.js';
import { addDays } from '../../shared/dates.js';
import { getCalendar, setCalendarDay } from '../../db/calendar.js';
import { openDatabase } from '../../db/open.js';
import { tempDatabase, testContext } from './helpers.js';

// The allowed moves, written out independently of ACTION_TRANSITIONS.
const ALLOWED: Array<[ActionState, ActionEvent, ActionState]> = [
  ['已交办', 'sign', '已签收'],
  ['已签收', 'start', '办理中'],
  ['已签收', 'feedback', '已反馈'],
  ['办理中', 'feedback', '已反馈'],
  ['已反馈', 'approve', '办结'],
  ['已反馈', 'return', '退回重办'],
  ['退回重办', 'restart', '办理中'],
  ['退回重办', 'feedback', '已反馈'],
];

describe('action state machine', () => {
  for (const from of ACTION_STATES) {
    for (const event of ACTION_EVENTS) {
      const hit = ALLOWED.find(([f, e]) => f === from && e === event);
      it(`${from} + ${event} → ${hit ? hit[2] : 'refused'}`, () => {
        const r = actionTransition(from, event, '材料不全，请补充');
        if (hit) expect(r).toEqual({ ok: true, to: hit[2] });
        else {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.message).toMatch(new RegExp(`处于「${from}」状态`));
        }
      });
    }
  }
  it('退回重办 needs a reason', () => {
    expect(actionTransition('已反馈', 'return', '')).toMatchObject({ ok: false, message: expect.stringMatching(/退回原因/) });
    expect(actionTransition('已反馈', 'return', ' 好 ')).toMatchObject({ ok: false });
  });
});

describe('shipped calendar (2026 State Council schedule)', () => {
  it('knows the 2026 days off and 调休 working days', () => {
    const { db } = tempDatabase();
    const cal = getCalendar(db);
    for (const d of ['2026-01-01', '2026-02-16', '2026-02-23', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-07']) expect(isWorkingDay(d, cal), d).toBe(false);
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) expect(isWorkingDay(d, cal), d).toBe(true);
    expect(isWorkingDay('2026-10-08', cal)).toBe(true);
    expect(cal.holidays.has('2027-10-01')).toBe(true);
  });
  it('is read once and kept until the database is written, here or by another connection', () => {
    const { db, file } = tempDatabase();
    const cal = getCalendar(db);
    expect(getCalendar(db)).toBe(cal);
    setCalendarDay(db, testContext(), { date: '2026-06-22', kind: 'holiday', name: '' });
    expect(isWorkingDay('2026-06-22', getCalendar(db))).toBe(false);
    const other = openDatabase(file);
    setCalendarDay(other, testContext(), { date: '2026-06-22', kind: 'normal', name: '' });
    other.close();
    expect(isWorkingDay('2026-06-22', getCalendar(db))).toBe(true);
  });

  it('meeting default: next Monday, or the next working day when that Monday is off', () => {
    const { db } = tempDatabase();
    const cal = getCalendar(db);
    const cases: Array<[string, string]> = [
      ['2026-11-25', '2026-11-30'], // Wednesday → next Monday
      ['2026-11-30', '2026-12-07'], // on a Monday → the following week
      ['2026-02-18', '2026-02-24'], // 春节: Monday 23rd is off → Tuesday 24th
      ['2026-10-01', '2026-10-08'], // 国庆: Monday 5th is off … through Wed 7th → Thursday 8th
      ['2026-04-01', '2026-04-07'], // 清明: Monday 6th is off → Tuesday 7th
      ['2026-12-30', '2027-01-04'],
    ];
    for (const [asOf, want] of cases) expect(defaultMeetingDate(asOf, cal), asOf).toBe(want);
  });
  it('working-day deadlines skip weekends and holidays and count 调休 Saturdays', () => {
    const { db } = tempDatabase();
    const cal = getCalendar(db);
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-08', 2, cal)).toBe('2026-10-10'); // Friday 9th, then the 调休 Saturday 10th
    expect(dueDateFrom('2026-09-24', { days: 7, unit: 'calendar' }, cal)).toBe('2026-10-08'); // lands on 1 Oct → moves out of the holiday
    expect(dueDateFrom('2026-11-02', { days: 15, unit: 'working' }, cal)).toBe('2026-11-23');
  });
});

describe('临期, 超期 and the supervision ladder', () => {
  const s = DEFAULT_SUPERVISION;
  const due = '2026-11-10'; // a Tuesday, no holiday near
  // [asOf offset from due, status, level]
  const table: Array<[number, string, string | null]> = [
    [-4, '正常', null],
    [-3, '临期', '提醒'],
    [0, '临期', '提醒'],
    [1, '超期', '催办'],
    [7, '超期', '催办'],
    [8, '超期', '督办单'],
    [15, '超期', '督办单'],
    [16, '超期', '挂牌督办'],
    [30, '超期', '挂牌督办'],
    [31, '超期', '通报'],
  ];
  for (const [off, status, level] of table) {
    it(`${off} days from the due date: ${status} ${level ?? ''}`, () => {
      const r = dueStatus({ state: '办理中', dueAt: due }, addDays(due, off), s, EMPTY_CALENDAR);
      expect(r.status).toBe(status);
      expect(r.level).toBe(level);
      if (off > 0) expect(r.overdueDays).toBe(off);
    });
  }
  it('a closed action has no level however late', () => {
    expect(dueStatus({ state: '办结', dueAt: due }, addDays(due, 90), s, EMPTY_CALENDAR)).toMatchObject({ status: '已办结', level: null });
  });
  it('a due date inside 国庆 moves to the first working day after it', () => {
    const cal = buildCalendar([...Array(7)].map((_, i) => ({ date: addDays('2026-10-01', i), kind: 'holiday' as const, name: '国庆节', source: '' })));
    expect(dueStatus({ state: '办理中', dueAt: '2026-10-03' }, '2026-10-08', s, cal)).toMatchObject({ status: '临期', effectiveDue: '2026-10-08', level: '提醒' });
    expect(dueStatus({ state: '办理中', dueAt: '2026-10-03' }, '2026-10-09', s, cal)).toMatchObject({ status: '超期', overdueDays: 1, level: '催办' });
    // Counted in working days, the ladder ignores the weekend: Fri 9 Oct + 8 working days = Tue 20 Oct.
    const w = { ...s, countIn: 'working' as const };
    expect(dueStatus({ state: '办理中', dueAt: '2026-10-08' }, '2026-10-19', w, cal)).toMatchObject({ overdueDays: 7, level: '催办' });
    expect(dueStatus({ state: '办理中', dueAt: '2026-10-08' }, '2026-10-20', w, cal)).toMatchObject({ overdueDays: 8, level: '督办单' });
  });
  it('changed thresholds move the ladder', () => {
    const t = { ...s, remindDays: 1, sheetAfter: 2, listedAfter: 4, notifyAfter: 6 };
    expect(dueStatus({ state: '已交办', dueAt: due }, addDays(due, -2), t, EMPTY_CALENDAR).level).toBe(null);
    expect(dueStatus({ state: '已交办', dueAt: due }, addDays(due, 3), t, EMPTY_CALENDAR).level).toBe('督办单');
    expect(dueStatus({ state: '已交办', dueAt: due }, addDays(due, 7), t, EMPTY_CALENDAR).level).toBe('通报');
  });
  it('按期办结率 counts closed-on-time over closed plus overdue', () => {
    const r = onTimeRate(
      [
        { state: '办结', dueAt: '2026-11-10', closedOn: '2026-11-09' },
        { state: '办结', dueAt: '2026-11-10', closedOn: '2026-11-12' },
        { state: '办理中', dueAt: '2026-11-01', closedOn: null },
        { state: '办理中', dueAt: '2026-12-31', closedOn: null },
      ],
      '2026-11-25',
      EMPTY_CALENDAR,
    );
    expect(r).toEqual({ onTime: 1, counted: 3, rate: 1 / 3 });
  });
});

describe('who may take each step', () => {
  it('审核办结 is the 领导\'s; a 研判员 records the rest', () => {
    expect(actionEventRoleNote('approve', '研判员')).toBe('须由领导审核办结');
    expect(actionEventRoleNote('approve', '领导')).toBeNull();
    for (const e of ['sign', 'start', 'feedback', 'return', 'restart']) {
      expect(actionEventRoleNote(e, '研判员')).toBeNull();
      expect(actionEventRoleNote(e, '领导')).toBeNull();
    }
    expect(actionEventRoleNote('sign', '查看')).toBe('须由研判员或领导签收');
    // Not an event: left to the input schema.
    expect(actionEventRoleNote('toString', '研判员')).toBeNull();
    expect(actionEventRoleNote(undefined, '研判员')).toBeNull();
  });
});
