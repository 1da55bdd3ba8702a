// What a restore must not undo. A backup from before encryption would put the register back in
// clear, and one from before accounts would leave a register nobody owns (its first visitor could
// set up a new 系统管理员). So before the swap the register's key file and key, and (when the backup
// has no accounts) its accounts and security policy, are kept; after it, a plain restored file is
// encrypted again with that same key file, and the accounts are written back.
import { fileKind, unlockedKeyFor } from './cipher.js';
import { readKeyFile, type KeyFile } from './keyring.js';
import { encryptRestoredWith } from './encryptRegister.js';
import { openDatabase, type Db } from './open.js';
import { keyOf } from './sqlite.js';

type Row = Record<string, unknown>;

export interface KeptSecurity {
  keyring: { keyFile: KeyFile; key: Buffer } | null;
  accounts: Row[];
  policy: string | null;
}

/**
 * True when a backup file predates accounts (has none). A file that cannot be read at all counts
 * as not: the restore's own check refuses it in words, before anything is swapped.
 */
function lacksAccounts(file: string): boolean {
  let db: Db;
  try {
    db = openDatabase(file, { readonly: true });
  } catch {
    return false;
  }
  try {
    return (db.prepare('SELECT COUNT(*) FROM accounts').pluck().get() as number) === 0;
  } catch {
    // No accounts table: a backup from before accounts.
    return true;
  } finally {
    db.close();
  }
}

/** Reads what the restore must keep, from the open register (`current`, null when damaged) and its file. */
export function keepSecurity(dbPath: string, current: Db | null, backupFile: string): KeptSecurity {
  const key = (current && keyOf(current)?.key) ?? (fileKind(dbPath) === 'encrypted' ? unlockedKeyFor(dbPath) : undefined);
  const keyring = key ? { keyFile: readKeyFile(dbPath), key } : null;
  if (!current || !lacksAccounts(backupFile)) return { keyring, accounts: [], policy: null };
  return {
    keyring,
    accounts: current.prepare('SELECT * FROM accounts ORDER BY id').all() as Row[],
    policy: (current.prepare("SELECT value FROM settings WHERE key = 'securityPolicy'").pluck().get() as string | undefined) ?? null,
  };
}

/** After the swap, before opening: a restored plain file is encrypted with the register's key file. */
export function encryptRestored(dbPath: string, kept: KeptSecurity): void {
  if (kept.keyring) encryptRestoredWith(dbPath, kept.keyring.keyFile, kept.keyring.key);
}

/** After opening the restored register (migrated): the kept accounts and policy written back. Returns how many. */
export function carryAccounts(db: Db, kept: KeptSecurity): number {
  if (!kept.accounts.length) return 0;
  db.transaction(() => {
    for (const r of kept.accounts) {
      const cols = Object.keys(r);
      db.prepare(`INSERT OR REPLACE INTO accounts (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => r[c]));
    }
    if (kept.policy !== null) db.prepare("INSERT INTO settings (key, value) VALUES ('securityPolicy', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(kept.policy);
  }).immediate();
  return kept.accounts.length;
}
