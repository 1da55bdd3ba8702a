// Opens the core for a host: the database (with migrations) and a dispatcher bound to it.
import { openDatabase, type Db } from '../db/open.js';
import { createDispatcher, type Dispatch } from './api/dispatcher.js';
import { osUserName } from './paths.js';
import type { PrinterSlot } from './print/types.js';

export interface Core {
  db: Db;
  dbPath: string;
  dispatch: Dispatch;
  /** The host puts its PDF printer here once the renderer is being served. */
  printer: PrinterSlot;
  close: () => void;
}

export interface CoreOptions {
  dbPath: string;
  host: 'web' | 'electron' | 'cli';
  now?: () => string;
  operator?: string;
}

export function openCore(o: CoreOptions): Core {
  const db = openDatabase(o.dbPath);
  const printer: PrinterSlot = {};
  const dispatch = createDispatcher({ db, dbPath: o.dbPath, host: o.host, defaultOperator: o.operator ?? osUserName(), now: o.now, printer });
  return {
    db,
    dbPath: o.dbPath,
    dispatch,
    printer,
    close: () => {
      void printer.current?.close();
      db.close();
    },
  };
}
