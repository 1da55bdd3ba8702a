// What the 统计 area's methods answer (the figures of one period, with comparisons; a page of records).
import type { IsoDate } from './dates.js';
import type { Period, RiskMeasure, StatsDefinitions, RecordKind } from './stats.js';

export interface Tally {
  total: number;
  byDomain: Record<number, number>;
  byRegion: Record<number, number>;
  /** index 0 = 未定级, 1..4 = 重大…低. */
  byLevel: number[];
  /** Of them, risks with a 包案领导. */
  packaged: number;
  /** 期末在册: of them, 在控 (the setting's statuses). */
  flagged: number;
}

export interface UnitFigures {
  unitId: number;
  unit: string;
  issued: number;
  done: number;
  due: number;
  onTime: number;
  returned: number;
  extended: number;
  overdue: number;
  overdueBy: Record<string, number>;
  /** 按期办结率 in %, null when nothing fell due. */
  onTimeRate: number | null;
  avgDays: number | null;
}

/** A rate with what it is made of, in %, one decimal; null when the denominator is 0. */
export interface Rate {
  value: number | null;
  num: number;
  den: number;
}

export interface PeriodFigures {
  period: Period;
  /** The days counted: the period, clipped to the as-of day. */
  from: IsoDate;
  to: IsoDate;
  meetings: { total: number; byType: Record<string, number> };
  assessments: { total: number; consent: number };
  risks: Record<RiskMeasure, Tally>;
  rates: { resolveRate: Rate; controlRate: Rate; packageRate: Rate; onTimeRate: Rate };
  units: UnitFigures[];
  unitTotal: UnitFigures;
}

export interface ManualFigure {
  measure: string;
  value: number;
  note: string;
  enteredBy: string;
  enteredAt: string;
}

export interface StatsSummary {
  asOf: IsoDate;
  definitions: StatsDefinitions;
  domains: Array<{ id: number; name: string }>;
  regions: Array<{ id: number; name: string }>;
  current: PeriodFigures;
  previous: PeriodFigures | null;
  lastYear: PeriodFigures | null;
  manual: ManualFigure[];
  /** Present when read from an issued report: its figures as frozen then. */
  frozen: { reportId: number; issuedAt: string; issuedBy: string } | null;
}

export interface StatsRecordRow {
  id: number;
  /** 编号 (risk, assignment), 第N次 (meeting), or the risk's code (assessment). */
  code: string;
  title: string;
  date: IsoDate | null;
  unit: string;
  region: string;
  domain: string;
  level: number | null;
  status: string;
}

export interface StatsRecords {
  kind: RecordKind;
  total: number;
  rows: StatsRecordRow[];
  /** Read from a frozen report's stored record list. */
  frozen: boolean;
}
