import { z } from 'zod';
import { method } from './method.js';
import { statsDefinitionsInput, statsIssueInput, statsManualInput, statsRecordsInput, statsSummaryInput, STATS_TABLE_KEYS, type StatsDefinitions } from '../stats.js';
import type { ManualFigure, StatsRecords, StatsSummary } from '../statsTypes.js';
import type { FilePayload } from '../files.js';

export interface IssuedStatsReport {
  id: number;
  kind: 'year' | 'quarter';
  from: string;
  to: string;
  issuedAt: string;
  issuedBy: string;
}

export const statsMethods = {
  'stats.summary': method<StatsSummary>()(statsSummaryInput, false, '统计：一个期间的各项数字（含上期与去年同期），或某份已印发报告冻结的数字'),
  'stats.records': method<StatsRecords>()(statsRecordsInput, false, '统计：某个数字所计的事项、交办、会议或研判记录（分页）'),
  'stats.setManual': method<ManualFigure[]>()(statsManualInput, true, '统计：录入信访信息系统的指标（及时受理率等，手工录入，不计算）'),
  'stats.definitions': method<StatsDefinitions>()(z.object({}), false, '统计口径设置：哪些状态算化解、算在控'),
  'stats.setDefinitions': method<StatsDefinitions>()(statsDefinitionsInput, true, '修改统计口径设置'),
  'stats.issue': method<IssuedStatsReport>()(statsIssueInput, true, '印发年度/季度风险研判工作情况：冻结其数字与所计记录'),
  'stats.reports': method<IssuedStatsReport[]>()(z.object({}), false, '已印发的年度/季度风险研判工作情况'),
  'stats.xlsx': method<FilePayload>()(
    statsSummaryInput.extend({ tables: z.array(z.enum(STATS_TABLE_KEYS)).min(1).max(STATS_TABLE_KEYS.length).optional() }),
    false,
    '把统计表导出为 .xlsx（每张表一个工作表）',
  ),
} as const;
