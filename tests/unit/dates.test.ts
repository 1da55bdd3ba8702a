import { describe, expect, it } from 'vitest';
import { addDays, chineseDate, daysBetween, isIsoDate, isoWeekday, nextMonday, shanghaiDate, weekStart } from '../../shared/dates.js';

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
