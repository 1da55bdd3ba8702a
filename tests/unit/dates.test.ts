import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
import { addDays, addMonths, chineseDate, daysBetween, isIsoDate, isoWeekday, nextMonday, shanghaiDate, weekStart } from '../../shared/dates.js';

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
