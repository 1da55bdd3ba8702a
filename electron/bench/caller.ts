import type { Caller } from '../../shared/roles.js';

/** The bench calls as a 研判员 the program vouches for (no account row: nothing to log in to). */
export const BENCH_CALLER: Caller = { accountId: 0, name: '性能基准', displayName: '性能基准', role: '研判员' };
