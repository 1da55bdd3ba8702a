import type { Db } from '../../db/open.js';
import type { WriteContext } from '../../db/context.js';
import type { PrinterSlot } from '../print/types.js';
import type { DownloadStore } from '../downloads.js';

/** What every handler receives besides its input. */
export interface HandlerContext extends WriteContext {
  db: Db;
  dbPath: string;
  host: 'web' | 'electron' | 'cli';
  /** The OS user, used as operator until settings name one. */
  defaultOperator: string;
  /** PDF printing, when the host offers it. */
  printer?: PrinterSlot;
  /** Large files go out as one-time streamed downloads (app hosts); absent for the CLI. */
  downloads?: DownloadStore;
}
