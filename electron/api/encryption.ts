// The 系统管理员's 台账加密 panel: who can unlock, a new recovery key, a plain copy (audited).
// Encrypting itself closes and reopens the register, so the app host answers it (electron/recovery.ts).
import { readFileSync, rmSync } from 'node:fs';
import type { HandlersFor } from './types.js';
import type { HandlerContext } from './context.js';
import { confirmOwnPassword } from '../../db/accounts.js';
import { listSlots, replaceRecoveryKey } from '../../db/keyring.js';
import { fileKind } from '../../db/cipher.js';
import { keyOf } from '../../db/sqlite.js';
import { backupsOf } from '../../db/backups.js';
import { exportPlainCopy } from '../../db/encryptRegister.js';
import { writeAudit } from '../../db/audit.js';
import { fileReply } from '../downloads.js';
import { recordEvent } from './audit.js';
import { AppError } from '../../shared/errors.js';
import { shanghaiDate } from '../../shared/dates.js';

const SQLITE_MIME = 'application/vnd.sqlite3';

function unlockedKey(ctx: HandlerContext): Buffer {
  const k = keyOf(ctx.db);
  if (!k) throw new AppError('INVALID_INPUT', '台账还没有加密：请先加密台账。');
  return k.key;
}

export const encryptionHandlers: HandlersFor<'register.encryption' | 'register.encrypt' | 'register.newRecoveryKey' | 'backups.exportPlain'> = {
  'register.encryption': (_input, ctx) => {
    const memory = ctx.dbPath === ':memory:';
    const encrypted = !memory && !!keyOf(ctx.db);
    const slots = encrypted ? listSlots(ctx.dbPath) : [];
    return {
      encrypted,
      cipher: encrypted ? 'ChaCha20-Poly1305（SQLite3 Multiple Ciphers）' : null,
      unlockAccounts: slots.filter((s) => s.kind === 'account').map((s) => s.account!),
      hasRecoveryKey: slots.some((s) => s.kind === 'recovery'),
      plainBackups: memory ? 0 : backupsOf(ctx.dbPath).filter((b) => fileKind(b.file) === 'plain').length,
    };
  },
  // Answered by the app host's wrapper (electron/recovery.ts), which closes and reopens the register.
  'register.encrypt': () => {
    throw new AppError('INVALID_INPUT', '请在风险研判台（网页版或桌面版）的「账号与安全」中加密台账。');
  },
  'register.newRecoveryKey': ({ password }, ctx) => {
    confirmOwnPassword(ctx.db, ctx.caller.accountId, password);
    const recoveryKey = replaceRecoveryKey(ctx.dbPath, unlockedKey(ctx));
    writeAudit(ctx.db, ctx, 'recoveryKeyReplaced', 'register', null, null, null);
    return { recoveryKey };
  },
  'backups.exportPlain': ({ password }, ctx) => {
    confirmOwnPassword(ctx.db, ctx.caller.accountId, password);
    unlockedKey(ctx);
    // Decrypted beside the register, read into memory and removed at once: the page gets the bytes,
    // no plain copy stays on this disk.
    const tmp = `${ctx.dbPath}.plain-export`;
    rmSync(tmp, { force: true });
    let bytes: Buffer;
    let risks: number;
    try {
      risks = exportPlainCopy(ctx.db, tmp);
      bytes = readFileSync(tmp);
    } finally {
      rmSync(tmp, { force: true });
    }
    recordEvent(ctx, 'plainExport', 'register', { risks, bytes: bytes.length });
    return fileReply(ctx.downloads, { bytes }, `风险台账-未加密副本-${shanghaiDate(ctx.now())}.db`, SQLITE_MIME, { rows: risks });
  },
};
