// Sensitive periods (敏感节点): the default yearly calendar of DOMAIN.md for 2026 and 2027.
// The dates are our best fixed estimates (lunar holidays looked up for each year; 两会 from past
// years' patterns); every one is editable in the app, and new years are added there.
import { z } from 'zod';
import { isoDate } from './risks.js';
import { addDays, daysBetween, type IsoDate } from './dates.js';

export interface SensitivePeriod {
  id: number;
  name: string;
  startDate: IsoDate;
  endDate: IsoDate;
  escalation: boolean;
  note: string;
  version: number;
}

type Default = [name: string, start: string, end: string, escalation: boolean];
export const DEFAULT_PERIODS: Default[] = [
  ['元旦', '2026-01-01', '2026-01-03', true],
  ['地方两会', '2026-01-20', '2026-02-08', true],
  ['春节', '2026-02-15', '2026-02-23', true],
  ['全国两会', '2026-03-04', '2026-03-12', true],
  ['清明', '2026-04-04', '2026-04-06', true],
  ['五一', '2026-05-01', '2026-05-05', true],
  ['高考/中考', '2026-06-07', '2026-06-17', true],
  ['端午', '2026-06-19', '2026-06-21', true],
  ['七一', '2026-06-28', '2026-07-01', true],
  ['汛期', '2026-06-01', '2026-09-30', false],
  ['中秋/国庆', '2026-09-25', '2026-10-08', true],
  ['元旦', '2027-01-01', '2027-01-03', true],
  ['地方两会', '2027-01-18', '2027-02-04', true],
  ['春节', '2027-02-05', '2027-02-13', true],
  ['全国两会', '2027-03-04', '2027-03-12', true],
  ['清明', '2027-04-03', '2027-04-05', true],
  ['五一', '2027-05-01', '2027-05-05', true],
  ['高考/中考', '2027-06-07', '2027-06-17', true],
  ['端午', '2027-06-09', '2027-06-11', true],
  ['七一', '2027-06-28', '2027-07-01', true],
  ['汛期', '2027-06-01', '2027-09-30', false],
  ['中秋', '2027-09-15', '2027-09-17', true],
  ['国庆', '2027-10-01', '2027-10-07', true],
];

const name = z.string().trim().min(1, { message: '不能为空' }).max(50, { message: '不能超过50个字' });
export const periodFields = z
  .object({ name, startDate: isoDate, endDate: isoDate, escalation: z.boolean().default(true), note: z.string().trim().max(500).default('') })
  .refine((p) => p.startDate <= p.endDate, { message: '结束日期不能早于开始日期', path: ['endDate'] });
export const periodUpdateInput = z.object({
  id: z.number().int().positive(),
  version: z.number({ message: '缺少版本号' }).int().positive(),
  patch: z.object({ name: name.optional(), startDate: isoDate.optional(), endDate: isoDate.optional(), escalation: z.boolean().optional(), note: z.string().trim().max(500).optional() }),
});

/** "Near": a period running now, or starting within `days` (default the escalation lead time). */
export function nearPeriods(periods: SensitivePeriod[], asOf: IsoDate, days: number): Array<SensitivePeriod & { state: '进行中' | '临近'; daysToStart: number }> {
  return periods
    .filter((p) => p.endDate >= asOf && p.startDate <= addDays(asOf, days))
    .map((p) => ({ ...p, state: p.startDate <= asOf ? ('进行中' as const) : ('临近' as const), daysToStart: Math.max(0, daysBetween(asOf, p.startDate)) }))
    .sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
}
