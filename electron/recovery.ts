// When the database is damaged at start, the hosts still start: every call answers with the
// damage report, and `recovery.restore` puts the newest good backup (or a named one) in place
// and opens the core again. Nothing is written to the damaged file.
import { join } from 'node:path';
import { backupsDirFor, listBackups, restoreDatabase } from '../db/backups.js';
import type { ApiResult } from '../shared/contract/index.js';
import { openCore, DamagedDatabaseError, type Core, type CoreOptions } from './core.js';
import type { Dispatch } from './api/dispatcher.js';

export interface RecoverableCore {
  dispatch: Dispatch;
  /** The open core, or null while in recovery mode. */
  current: () => Core | null;
  damaged: DamagedDatabaseError | null;
  close: () => void;
}

export function openRecoverableCore(o: CoreOptions): RecoverableCore {
  let core: Core | null = null;
  let damaged: DamagedDatabaseError | null = null;
  try {
    core = openCore(o);
  } catch (e) {
    if (!(e instanceof DamagedDatabaseError)) throw e;
    damaged = e;
  }
  const now = o.now ?? (() => new Date().toISOString());
  const recovery: Dispatch = async (method, input) => {
    const err = damaged!;
    if (method !== 'recovery.restore') return { ok: false, error: { code: 'DB_ERROR', message: err.message, details: err.details } };
    const name = (input as { name?: string } | null)?.name ?? err.backup?.name;
    const hit = listBackups(backupsDirFor(o.dbPath)).find((b) => b.name === name);
    if (!hit) return { ok: false, error: { code: 'NOT_FOUND', message: '没有可恢复的备份。请联系维护人员。' } };
    try {
      const { savedCurrent } = await restoreDatabase(o.dbPath, join(backupsDirFor(o.dbPath), hit.name), now());
      core = openCore({ ...o, backupOnStart: false });
      damaged = null;
      return { ok: true, value: { restored: hit.name, savedCurrent } } as ApiResult<unknown>;
    } catch (e) {
      return { ok: false, error: { code: 'DB_ERROR', message: `恢复失败：${(e as Error).message}` } };
    }
  };
  return {
    dispatch: (method, input) => (core ? core.dispatch(method, input) : recovery(method, input)),
    current: () => core,
    get damaged() {
      return damaged;
    },
    close: () => core?.close(),
  };
}
