// The heat map's first reads (the 风险矩阵 tab as it opens, and the filter bar's lists): asked for at
// start-up with the session (shell/firstReads.ts) and taken by the first render (useFirstRead).
import { prefetch } from '../api';
import { clean, NO_FILTERS } from './useHeatFilters';

/** The matrix tab's first grid: no filter, this week. */
export const FIRST_GRID = clean(NO_FILTERS);

export function prefetchHeatmap(subpath: string): Promise<unknown> {
  return Promise.all([prefetch('lists.get', {}), subpath === '' || subpath === 'matrix' ? prefetch('heatmap.grid', FIRST_GRID) : null]);
}
