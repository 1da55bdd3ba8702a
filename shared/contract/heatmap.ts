import { method } from './method.js';
import { cellRisksInput, domainRegionInput, heatFilters, movementInput, trendInput, type DomainRegionGrid, type HeatGrid, type Movement, type Trend, type WeekInfo, type WeekRisk } from '../heatmap.js';

export const heatmapMethods = {
  'heatmap.grid': method<HeatGrid>()(heatFilters, false, '可能性×影响程度热力图（某周，默认本周；可按领域、县区、状态筛选）'),
  'heatmap.cell': method<WeekInfo & { rows: WeekRisk[] }>()(cellRisksInput, false, '热力图某一格中的事项'),
  'heatmap.domainRegion': method<DomainRegionGrid>()(domainRegionInput, false, '领域×县区热力图（件数与分值合计）'),
  'heatmap.movement': method<Movement>()(movementInput, false, '周变化：与上周相比升级、降级、新增、销号的事项'),
  'heatmap.trend': method<Trend>()(trendInput, false, '趋势：每周各等级件数、按领域件数、新增与销号'),
} as const;
