// Heat-map, movement and trend views: inputs and outputs (numbers the UI, the CLI and tests share).
import { z } from 'zod';
import { isoDate } from './risks.js';
import { RISK_STATUSES } from './labels.js';

export const heatFilters = z.object({
  week: isoDate.optional(),
  domainId: z.number().int().positive().optional(),
  regionId: z.number().int().positive().optional(),
  status: z.enum(RISK_STATUSES, { message: `只能是：${RISK_STATUSES.join('、')}` }).optional(),
  asOf: isoDate.optional(),
});
export type HeatFilters = z.infer<typeof heatFilters>;

export const cellRisksInput = heatFilters.extend({
  likelihood: z.number().int().min(0).max(6),
  impact: z.number().int().min(0).max(6),
});
export const domainRegionInput = heatFilters;
export const MOVE_KINDS = ['rose', 'appeared', 'fell', 'closed'] as const;
export const movementInput = heatFilters.extend({
  kind: z.enum(MOVE_KINDS, { message: '只能是：rose（升级）、appeared（新增）、fell（降级）、closed（销号）' }).optional(),
  /** The list is capped per kind (counts are always complete); a city's week has far fewer moves. */
  limit: z.number().int().min(1).max(20_000).default(200),
});
export const trendInput = heatFilters.extend({ weeks: z.number().int().min(2, { message: '至少 2 周' }).max(104, { message: '最多 104 周' }).default(26) });

export interface WeekInfo {
  /** Monday of the week asked about. */
  week: string;
  /** The stored week that answers it (the latest one when nothing was recorded since). */
  sourceWeek: string;
  carried: boolean;
}

export interface HeatCell {
  likelihood: number;
  impact: number;
  count: number;
}
export interface HeatGrid extends WeekInfo {
  size: number;
  bands: { red: number; orange: number; yellow: number };
  cells: HeatCell[];
  /** Risks without likelihood × impact (未评分). */
  unrated: number;
  total: number;
  /** Open risks by final level 0 (未定级) … 4. */
  byLevel: Record<number, number>;
}

export interface WeekRisk {
  riskId: number;
  code: string;
  title: string;
  level: number;
  prevLevel: number | null;
  likelihood: number;
  impact: number;
  status: string;
  domain: string;
  region: string;
  kind: string;
}

export interface DomainRegionGrid extends WeekInfo {
  domains: Array<{ id: number; name: string }>;
  regions: Array<{ id: number; name: string }>;
  cells: Array<{ domainId: number; regionId: number; count: number; score: number }>;
}

export interface Movement extends WeekInfo {
  prevWeek: string;
  counts: { appeared: number; rose: number; fell: number; closed: number };
  items: WeekRisk[];
  /** True when more items matched than `limit`. */
  truncated: boolean;
}

export interface TrendPoint {
  week: string;
  byLevel: Record<number, number>;
  total: number;
  appeared: number;
  closed: number;
}
export interface Trend {
  points: TrendPoint[];
  byDomain: Array<{ week: string; counts: Record<string, number> }>;
  domains: string[];
}
