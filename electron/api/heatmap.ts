import { cellRisks, domainRegion, heatGrid, movement, trend } from '../../db/heatmap.js';
import type { HandlersFor } from './types.js';

export const heatmapHandlers: HandlersFor<'heatmap.grid' | 'heatmap.cell' | 'heatmap.domainRegion' | 'heatmap.movement' | 'heatmap.trend'> = {
  'heatmap.grid': (f, ctx) => heatGrid(ctx.db, f, ctx.now()),
  'heatmap.cell': (f, ctx) => cellRisks(ctx.db, f, ctx.now()),
  'heatmap.domainRegion': (f, ctx) => domainRegion(ctx.db, f, ctx.now()),
  'heatmap.movement': (f, ctx) => movement(ctx.db, f, ctx.now()),
  'heatmap.trend': (f, ctx) => trend(ctx.db, f, ctx.now()),
};
