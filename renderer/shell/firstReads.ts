// The reads a tab's first screen shows, started with the session by the start-up entry (boot.ts)
// while the app's bundle still loads and runs: the shell's (app.info, then the header's 敏感节点 for
// its today) and those of the page in the address, where a page has them. Pages take them with
// useFirstRead (useApi.ts); each page's own module says what they are (one source for both).
import { prefetch } from '../api';
import type { Role } from '../../shared/roles';
import { prefetchRegister } from '../register/firstReads';
import { prefetchHeatmap } from '../heatmap/firstReads';
import { prefetchMeetings } from '../meetings/firstReads';
import { areaKeyFor, subpathOf, type AreaKey } from './areaAccess';

/** Each page's first reads; the promise is of those its first render waits for. */
const PAGE_READS: Partial<Record<AreaKey, (subpath: string) => Promise<unknown>>> = {
  register: prefetchRegister,
  heatmap: prefetchHeatmap,
  meetings: prefetchMeetings,
};

let pageReads: Promise<unknown> = Promise.resolve();

export function prefetchFirstReads(route: string, role: Role | undefined): void {
  void prefetch('app.info', {}).then((r) => {
    if (r.ok) void prefetch('periods.near', { asOf: r.value.today });
  });
  if (role) pageReads = PAGE_READS[areaKeyFor(route, role)]?.(subpathOf(route)) ?? pageReads;
}

/** Settles when the first page's reads are in (the shell waits for them before its first screen). */
export const firstPageReads = (): Promise<unknown> => pageReads;
