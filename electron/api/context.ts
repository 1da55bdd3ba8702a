import type { Db } from '../../db/open.js';
import type { WriteContext } from '../../db/context.js';
import type { PrinterSlot } from '../print/types.js';
import type { DownloadStore } from '../downloads.js';
import type { Caller } from '../../shared/roles.js';

/** What every handler receives besides its input. */
export interface HandlerContext extends WriteContext {
  db: Db;
  dbPath: string;
  host: 'web' | 'electron' | 'cli';
  /** The OS user (names the writer lock's holder). */
  defaultOperator: string;
  /** The logged-in account (its name is the audit's actor). */
  caller: Caller;
  /** PDF printing, when the host offers it. */
  printer?: PrinterSlot;
  /** Large files go out as one-time streamed downloads (app hosts); absent for the CLI. */
  downloads?: DownloadStore;
}
