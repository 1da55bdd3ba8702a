// All calendar rules run in the users' zone (Asia/Shanghai), never the machine's (CI runs in UTC).
// Every function takes an explicit `asOf` so no rule depends on the wall clock.
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const USER_TZ = 'Asia/Shanghai';
/** A calendar date as analysts write it: YYYY-MM-DD, no time, no zone. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** The Shanghai calendar date of an instant (default: now). Accepts an IsoDate and returns it unchanged. */
export function shanghaiDate(asOf?: Date | string | number): IsoDate {
  if (typeof asOf === 'string' && isIsoDate(asOf)) return asOf;
  return dayjs(asOf ?? Date.now()).tz(USER_TZ).format('YYYY-MM-DD');
}

/** Date arithmetic on calendar dates; done in UTC so DST or the host zone can never shift a day. */
function asUtc(d: IsoDate): Dayjs {
  return dayjs.utc(d + 'T00:00:00Z');
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return asUtc(d).add(n, 'day').format('YYYY-MM-DD');
}

export function addMonths(d: IsoDate, n: number): IsoDate {
  return asUtc(d).add(n, 'month').format('YYYY-MM-DD');
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((asUtc(b).valueOf() - asUtc(a).valueOf()) / 86_400_000);
}

/** 1 = Monday … 7 = Sunday (ISO weekday). */
export function isoWeekday(d: IsoDate): number {
  const w = asUtc(d).day();
  return w === 0 ? 7 : w;
}

/** Monday of the week that contains d. */
export function weekStart(d: IsoDate): IsoDate {
  return addDays(d, 1 - isoWeekday(d));
}

/** The next Monday strictly after d (a meeting prepared on Monday is for the following week). */
export function nextMonday(d: IsoDate): IsoDate {
  return addDays(d, 8 - isoWeekday(d));
}

export function yearOf(d: IsoDate): number {
  return Number(d.slice(0, 4));
}

/** "2026年3月5日" — official documents write dates without leading zeros. */
export function chineseDate(d: IsoDate): string {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

/** An instant shown to users in Shanghai time. */
export function shanghaiDateTime(instant: string | number | Date): string {
  return dayjs(instant).tz(USER_TZ).format('YYYY-MM-DD HH:mm:ss');
}
