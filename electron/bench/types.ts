// Benchmarks: each area adds a suite file here and one line in ./index.ts.
// A case times the full dispatcher path and an independently written raw SQL query that
// returns the same rows; the report gives both medians and their ratio (absolute times are noisy here).
import type { Core } from '../core.js';

export interface BenchCase {
  name: string;
  /** Through the dispatcher, exactly as a host calls it. Must return the rows it produced. */
  api: () => Promise<unknown>;
  /** Independently written raw SQL (prepared once) returning the same rows. Omit when no raw equivalent exists. */
  raw?: () => unknown;
  /** Checks that api and raw returned the same rows (throws if not: the case is reported as failed), so a fast wrong query cannot pass. */
  same?: (apiResult: unknown, rawResult: unknown) => void;
  /** Target in ms for the api median; reported, not asserted. */
  targetMs?: number;
  /** Target for api/raw ratio. */
  targetRatio?: number;
  /** The quick guard's ceiling for this case when it is not the common one (say why where it is set). */
  guardCeiling?: number;
  /** Timed runs for cases that take seconds each (default: the --runs option). */
  runs?: number;
  /**
   * The figure to report instead of the wall time of `api` (e.g. the time a browser saw, or a heap
   * size): read from what api returned, which the report also shows.
   */
  reportMs?: (apiResult: unknown) => number;
  /** The unit of reportMs when it is not milliseconds (the target is in the same unit). */
  unit?: string;
}

export interface BenchContext {
  core: Core;
  /** Rows in the generated register. */
  risks: number;
  asOf: string;
  /** The CI guard (`bench --quick`): a smaller register, only cases with a raw query; suites scale their extra data to it. */
  quick: boolean;
}

export interface BenchSuite {
  name: string;
  /** false: not part of the quick guard (no case of it has a raw query). */
  quick?: boolean;
  /** Adds whatever data the suite needs (beyond the demo register) and returns its cases. */
  setup: (ctx: BenchContext) => Promise<BenchCase[]> | BenchCase[];
  /** Releases what setup started (browsers, servers, temp files). */
  teardown?: () => Promise<void>;
}
