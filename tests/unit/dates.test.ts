import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);
import { addDays, addMonths, chineseDate, daysBetween, isIsoDate, isoWeekday, nextMonday, shanghaiDate, shanghaiDateTime, weekStart } from '../../shared/dates.js';

describe('dates in Asia/Shanghai', () => {
  it('a UTC evening is already the next day in Shanghai', () => {
    expect(shanghaiDate(new Date('2026-11-24T15:59:59Z'))).toBe('2026-11-24');
    expect(shanghaiDate(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
    expect(shanghaiDate('2026-11-24T16:30:00.000Z')).toBe('2026-11-25');
  });

  it('an explicit calendar date is taken as it is', () => {
    expect(shanghaiDate('2026-03-01')).toBe('2026-03-01');
  });

  it('weeks start on Monday and the next meeting is the next Monday', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(nextMonday('2026-11-25')).toBe('2026-11-30');
    expect(nextMonday('2026-11-23')).toBe('2026-11-30');
    expect(nextMonday('2026-12-28')).toBe('2027-01-04');
  });

  it('calendar arithmetic and validation', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-2-9')).toBe(false);
    expect(chineseDate('2026-03-05')).toBe('2026年3月5日');
  });
});

describe('calendar arithmetic agrees with dayjs on every calendar date 1950–2100', () => {
  it('addDays, addMonths, daysBetween and isoWeekday', () => {
    const date = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: -4000, max: 4000 }), date, (d, n, other) => {
        const u = dayjs.utc(d + 'T00:00:00Z');
        expect(addDays(d, n)).toBe(u.add(n, 'day').format('YYYY-MM-DD'));
        expect(daysBetween(d, other)).toBe(dayjs.utc(other + 'T00:00:00Z').diff(u, 'day'));
        expect(isoWeekday(d)).toBe(u.day() === 0 ? 7 : u.day());
        expect(addMonths(d, n % 40)).toBe(u.add(n % 40, 'month').format('YYYY-MM-DD'));
      }),
      { numRuns: 2000 },
    );
    // Leap days and year ends, by hand.
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });
});

describe('an instant shown in Shanghai time', () => {
  it('by hand: UTC + 8 h, and summer time before 1991-09-15', () => {
    expect(shanghaiDateTime('2026-11-24T15:59:59.999Z')).toBe('2026-11-24 23:59:59');
    expect(shanghaiDateTime('2026-11-24T16:00:00Z')).toBe('2026-11-25 00:00:00');
    expect(shanghaiDateTime('2026-11-25T08:30:00+08:00')).toBe('2026-11-25 08:30:00');
    expect(shanghaiDateTime(Date.UTC(2027, 0, 1, 3, 4, 5))).toBe('2027-01-01 11:04:05');
    expect(shanghaiDateTime(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03-01 00:00:00');
    // China kept summer time 1986–1991 (UTC+9); it last ended at 1991-09-15 02:00 local, back to 01:00.
    expect(shanghaiDateTime('1988-06-01T00:00:00Z')).toBe('1988-06-01 09:00:00');
    expect(shanghaiDateTime('1991-09-14T16:59:59Z')).toBe('1991-09-15 01:59:59');
    expect(shanghaiDateTime('1991-09-14T17:00:00Z')).toBe('1991-09-15 01:00:00');
    expect(shanghaiDate('1991-09-14T15:30:00Z')).toBe('1991-09-15');
  });

  it('agrees with the tz database (dayjs) for any instant 1985–2100, as Date, number or ISO string', () => {
    const instant = fc.date({ min: new Date('1985-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });
    const offset = fc.integer({ min: -12 * 60, max: 14 * 60 });
    fc.assert(
      fc.property(instant, offset, fc.integer({ min: 0, max: 3 }), (d, off, form) => {
        const zoned = (() => {
          const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 23);
          const a = Math.abs(off);
          return `${local}${off < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
        })();
        const input = [d, d.getTime(), d.toISOString(), zoned][form];
        const want = dayjs(d).tz('Asia/Shanghai');
        expect(shanghaiDateTime(input)).toBe(want.format('YYYY-MM-DD HH:mm:ss'));
        expect(shanghaiDate(input)).toBe(want.format('YYYY-MM-DD'));
      }),
      { numRuns: 3000 },
    );
  });
});
