// The register's reads: how a list request is formed, and the reads its first page shows. Those are
// asked for at start-up together with the session (shell/firstReads.ts) and taken by RegisterPage's first
// render (useFirstRead): one definition for both, so the two requests are the same and match.
import { prefetch } from '../api';
import type { RiskFilter, RiskSortKey } from '../../shared/risks';

export interface Sorting {
  sort?: RiskSortKey;
  order?: 'asc' | 'desc';
}
export interface Paging {
  page: number;
  pageSize: number;
}
export const FIRST_PAGING: Paging = { page: 1, pageSize: 20 };

/** Drops empty values so the request (and a saved view) carries only the filters in force. */
export function clean(f: RiskFilter): RiskFilter {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== null && v !== '')) as RiskFilter;
}

/** The risks.list request for a filter, a sort and a page. */
export const listInput = (filter: RiskFilter, sorting: Sorting, paging: Paging) => ({ ...clean(filter), ...sorting, ...paging });

/** The register's first page as it opens: no filter, the default order, page 1. */
export const FIRST_LIST = listInput({}, {}, FIRST_PAGING);

/** In the order the host answers them (one at a time): the list first, 更多筛选's facets (not waited for) last. */
export function prefetchRegister(): Promise<unknown> {
  const shown = Promise.all([prefetch('risks.list', FIRST_LIST), prefetch('lists.get', {}), prefetch('views.list', {})]);
  void prefetch('risks.facets', {});
  return shown;
}
