// Working-day arithmetic on the official calendar (法定节假日 and 调休 working days).
// The calendar is data (table calendar_days, editable in the app); these functions are pure and
// take it as a plain value, so every rule here is tested without a database or a clock.
import { nextMonday, type IsoDate } from './dates.js';

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: IsoDate;
  /** holiday: an official day off (even on a weekday); workday: a 调休 weekend that is worked. */
  kind: CalendarDayKind;
  name: string;
  /** '国务院通知' for announced schedules, '预估' for dates not yet announced, '手工' for user edits. */
  source: string;
}

export interface WorkCalendar {
  holidays: ReadonlySet<IsoDate>;
  workdays: ReadonlySet<IsoDate>;
}

// Day arithmetic on 'YYYY-MM-DD' through Date.UTC: these run per action in lists of thousands,
// where dayjs parsing dominated the time. Same results as shared/dates.ts (tested there).
const DAY = 86_400_000;
function addDays(d: IsoDate, n: number): IsoDate {
  return new Date(Date.parse(d + 'T00:00:00Z') + n * DAY).toISOString().slice(0, 10);
}
function isoWeekday(d: IsoDate): number {
  const w = new Date(d + 'T00:00:00Z').getUTCDay();
  return w === 0 ? 7 : w;
}

export function buildCalendar(days: readonly CalendarDay[]): WorkCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date)),
  };
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

/** A 调休 Saturday is worked; an official holiday on a weekday is not. */
export function isWorkingDay(d: IsoDate, cal: WorkCalendar): boolean {
  if (cal.workdays.has(d)) return true;
  if (cal.holidays.has(d)) return false;
  return isoWeekday(d) <= 5;
}

/** d itself when it is a working day, else the first working day after it. */
export function nextWorkingDayOnOrAfter(d: IsoDate, cal: WorkCalendar): IsoDate {
  let x = d;
  // A calendar can at most hold a few weeks off in a row; the bound only guards bad data.
  for (let i = 0; i < 60 && !isWorkingDay(x, cal); i++) x = addDays(x, 1);
  return x;
}

/**
 * n working days after d (d itself not counted), as 信访 deadlines are counted ("15个工作日内").
 * n = 0 gives d.
 */
export function addWorkingDays(d: IsoDate, n: number, cal: WorkCalendar): IsoDate {
  let x = d;
  let left = n;
  while (left > 0) {
    x = addDays(x, 1);
    if (isWorkingDay(x, cal)) left--;
  }
  return x;
}

/** Working days strictly after a, up to and including b (0 when b <= a). */
export function workingDaysBetween(a: IsoDate, b: IsoDate, cal: WorkCalendar): number {
  if (b <= a) return 0;
  let n = 0;
  for (let x = addDays(a, 1); x <= b; x = addDays(x, 1)) if (isWorkingDay(x, cal)) n++;
  return n;
}

/**
 * The default date of the next weekly meeting: the next Monday after asOf, or the next working
 * day when that Monday is a holiday (e.g. 国庆 week). On a Monday the meeting prepared is next week's.
 */
export function defaultMeetingDate(asOf: IsoDate, cal: WorkCalendar): IsoDate {
  return nextWorkingDayOnOrAfter(nextMonday(asOf), cal);
}

/** A deadline given as N calendar or working days from an issue date. */
export type DueRule = { days: number; unit: 'calendar' | 'working' };

/**
 * Due date from a rule. A calendar-day deadline that ends on a day off moves to the next working
 * day (the usual rule for 期间届满日为节假日); a working-day deadline always ends on a working day.
 */
export function dueDateFrom(issued: IsoDate, rule: DueRule, cal: WorkCalendar): IsoDate {
  if (rule.unit === 'working') return addWorkingDays(issued, rule.days, cal);
  return nextWorkingDayOnOrAfter(addDays(issued, rule.days), cal);
}
