// The 统计 tables, built once from a summary: the page shows them (each figure a link to its
// records), the .xlsx export writes them, the printed report sets them. Pure.
import { LEVELS } from './labels.js';
import { MEETING_TYPES } from './meetings.js';
import { MEASURE_INFO, STATS_TABLE_KEYS, type DrillFilter, type Measure } from './stats.js';
import type { PeriodFigures, Rate, StatsSummary, Tally } from './statsTypes.js';
import { SUPERVISION_LEVELS } from './actions.js';

export interface StatsCell {
  v: number | string | null;
  /** The figure's records: which measure, narrowed how, in which period (0 本期, 1 上期, 2 去年同期). */
  drill?: { measure: Measure; filter: DrillFilter; which: 0 | 1 | 2 };
  /** A percentage (shown with %). */
  pct?: boolean;
}

export interface StatsTable {
  key: (typeof STATS_TABLE_KEYS)[number];
  title: string;
  columns: string[];
  rows: StatsCell[][];
  /** The chart beside it: which column to plot (by row label). */
  chartColumn?: number;
}

/** The periods beside each other: 本期, 上期, 去年同期 — for a year the period before is last year, shown once. */
function periods(s: StatsSummary): PeriodFigures[] {
  const same = s.previous && s.lastYear && s.previous.period.from === s.lastYear.period.from && s.previous.period.to === s.lastYear.period.to;
  return [s.current, same ? null : s.previous, s.lastYear].filter((p): p is PeriodFigures => p !== null);
}
function compareLabels(s: StatsSummary): string[] {
  const ps = periods(s);
  return ps.map((p, i) => (i === 0 ? '本期' : p === s.previous ? '上期' : '去年同期'));
}
/** Which of 本期 (0), 上期 (1), 去年同期 (2) the i-th shown period is. */
function whichOf(s: StatsSummary, p: PeriodFigures): 0 | 1 | 2 {
  return p === s.current ? 0 : p === s.previous ? 1 : 2;
}

const label = (v: string): StatsCell => ({ v });
const num = (v: number, measure?: Measure, filter: DrillFilter = {}, which: 0 | 1 | 2 = 0): StatsCell => (measure ? { v, drill: { measure, filter, which } } : { v });
const pct = (r: Rate): StatsCell => ({ v: r.value, pct: true });

function overview(s: StatsSummary): StatsTable {
  const ps = periods(s);
  const row = (name: string, get: (p: PeriodFigures) => number, measure?: Measure, filter: DrillFilter = {}) => [label(name), ...ps.map((p) => num(get(p), measure, filter, whichOf(s, p)))];
  const risk = (m: keyof PeriodFigures['risks']) => row(MEASURE_INFO[m].name, (p) => p.risks[m].total, m);
  return {
    key: 'overview',
    title: '总体情况',
    columns: ['项目', ...compareLabels(s)],
    rows: [
      row('召开研判会（次）', (p) => p.meetings.total, 'meetings'),
      ...MEETING_TYPES.map((t) => row(`　其中${t}`, (p) => p.meetings.byType[t] ?? 0, 'meetings', { meetingType: t })),
      row('研判事项（件）', (p) => p.risks.assessedRisks.total, 'assessedRisks'),
      row('研判记录（条）', (p) => p.assessments.total, 'assessments'),
      row('　其中一揽子确认', (p) => p.assessments.consent, 'consent'),
      risk('openStart'),
      risk('entered'),
      risk('raised'),
      risk('lowered'),
      risk('closed'),
      risk('resolved'),
      risk('rebounded'),
      risk('openEnd'),
    ],
  };
}

function rates(s: StatsSummary): StatsTable {
  const ps = periods(s);
  const keys = ['resolveRate', 'controlRate', 'packageRate', 'onTimeRate'] as const;
  return {
    key: 'rates',
    title: '化解率、在控率、包案化解率、按期办结率',
    columns: ['指标', ...compareLabels(s).map((c) => `${c}（%）`), '本期分子', '本期分母'],
    rows: keys.map((k) => [label(MEASURE_INFO[k].name), ...ps.map((p) => pct(p.rates[k])), { v: s.current.rates[k].num }, { v: s.current.rates[k].den }]),
  };
}

function byKey(s: StatsSummary, key: 'domain' | 'region'): StatsTable {
  const list = key === 'domain' ? s.domains : s.regions;
  const pick = (t: Tally) => (key === 'domain' ? t.byDomain : t.byRegion);
  const f = (id: number): DrillFilter => (key === 'domain' ? { domainId: id } : { regionId: id });
  const r = s.current.risks;
  const ms = ['assessedRisks', 'entered', 'raised', 'closed', 'rebounded', 'openEnd'] as const;
  const rows = list
    .map((x) => [label(x.name), ...ms.map((m) => num(pick(r[m])[x.id] ?? 0, m, f(x.id)))])
    .filter((row) => row.slice(1).some((c) => c.v));
  return { key, title: key === 'domain' ? '按领域' : '按县区', columns: [key === 'domain' ? '领域' : '县区', ...ms.map((m) => MEASURE_INFO[m].name)], rows, chartColumn: ms.length };
}

function byLevel(s: StatsSummary): StatsTable {
  const r = s.current.risks;
  const ms = ['openStart', 'entered', 'raised', 'lowered', 'closed', 'openEnd'] as const;
  const lv = [...LEVELS.map((l) => ({ value: l.value as number, name: `${l.name}（${l.color}）` })), { value: 0, name: '未定级' }];
  return {
    key: 'level',
    title: '按等级',
    columns: ['等级', ...ms.map((m) => MEASURE_INFO[m].name)],
    rows: lv.map((l) => [label(l.name), ...ms.map((m) => num(r[m].byLevel[l.value], m, { level: l.value }))]).filter((row) => row.slice(1).some((c) => c.v) || row[0].v !== '未定级'),
    chartColumn: ms.length,
  };
}

const SUP = SUPERVISION_LEVELS.filter((l) => l !== '提醒');

function units(s: StatsSummary): StatsTable {
  const u = s.current;
  const rowOf = (x: PeriodFigures['unitTotal'], rank: string) => {
    const f: DrillFilter = x.unitId >= 0 ? { unitId: x.unitId } : {};
    return [
      label(rank),
      label(x.unit),
      num(x.issued, 'issued', f),
      num(x.done, 'done', f),
      num(x.due, 'due', f),
      num(x.onTime, 'onTime', f),
      { v: x.onTimeRate, pct: true },
      num(x.returned, 'returned', f),
      num(x.extended, 'extended', f),
      ...SUP.map((l) => num(x.overdueBy[l] ?? 0, 'overdue', { ...f, supervision: l })),
      { v: x.avgDays },
    ] as StatsCell[];
  };
  return {
    key: 'units',
    title: '责任单位交办办理情况（以按期办结率排名）',
    columns: ['名次', '责任单位', '交办', '办结', '应办结', '按期办结', '按期办结率（%）', '退回重办', '延期', ...SUP.map((l) => `超期·${l}`), '平均办结天数'],
    rows: [...u.units.map((x, i) => rowOf(x, String(i + 1))), rowOf(u.unitTotal, '')],
  };
}

function manual(s: StatsSummary): StatsTable {
  return {
    key: 'manual',
    title: '信访信息系统指标（手工录入）',
    columns: ['指标', '数值（%）', '说明', '录入人', '录入时间'],
    rows: s.manual.map((m) => [label(m.measure), { v: m.value, pct: true }, label(m.note), label(m.enteredBy), label(m.enteredAt.slice(0, 16).replace('T', ' '))]),
  };
}

export function statsTables(s: StatsSummary): StatsTable[] {
  return [overview(s), rates(s), byKey(s, 'domain'), byKey(s, 'region'), byLevel(s), units(s), manual(s)];
}

/** A cell as text (xlsx keeps numbers as numbers; this is for print and screen). */
export function cellText(c: StatsCell): string {
  if (c.v === null) return '—';
  return c.pct && typeof c.v === 'number' ? `${c.v}%` : String(c.v);
}
