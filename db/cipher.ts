// Encryption at the connection level (SQLite3 Multiple Ciphers, ChaCha20-Poly1305; see
// docs/encryption.md). An encrypted register has a key file beside it (`<file>.keys`, db/keyring.ts)
// naming the register's id; once a key was unlocked in this process (keyring.unlockKey, or a key
// handed to openDatabase/connect), every connection to that register or to one of its backups —
// which carry the same id and key — finds it here, so backups, checks and workers need no key passed.
// Plain registers (no key anywhere) open exactly as before.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { AppError } from '../shared/errors.js';

export const CIPHER = 'chacha20';
export const KEY_BYTES = 32;

/** The key file that travels with a register or a backup. */
export function keysFileFor(file: string): string {
  return `${file}.keys`;
}

/**
 * The pragmas that key a connection, first thing after it opens. The database key is 256 random
 * bits, so the cipher's own passphrase stretching (PBKDF2, 64,007 rounds by default, paid on every
 * connection) adds nothing: one round.
 */
export function keyPragmas(key: Buffer): string[] {
  if (key.length !== KEY_BYTES) throw new AppError('INVALID_INPUT', `台账密钥长度不对（应为 ${KEY_BYTES} 字节）`);
  return [`cipher = '${CIPHER}'`, 'kdf_iter = 1', `hexkey = '${key.toString('hex')}'`];
}

/** A URI naming a file to be written encrypted with `key` (VACUUM INTO, ATTACH). */
export function keyedUri(file: string, key: Buffer): string {
  return `file:${pathToFileURL(file).pathname}?cipher=${CIPHER}&kdf_iter=1&hexkey=${key.toString('hex')}`;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** 'none': no file or an empty one (a new database); 'plain': a readable SQLite file; 'encrypted': anything else. */
export function fileKind(file: string): 'none' | 'plain' | 'encrypted' {
  if (file === ':memory:' || file === '' || !existsSync(file) || statSync(file).size === 0) return 'none';
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(SQLITE_MAGIC) ? 'plain' : 'encrypted';
}

/** The register id in a key file, or null (no key file, or not one of ours). */
export function registerIdOf(file: string): string | null {
  const kf = keysFileFor(file);
  if (!existsSync(kf)) return null;
  try {
    const id = (JSON.parse(readFileSync(kf, 'utf8')) as { registerId?: unknown }).registerId;
    return typeof id === 'string' && id ? id : null;
  } catch {
    return null;
  }
}

const unlocked = new Map<string, Buffer>();

/** Keeps an unlocked key for this process: connections to the register and its backups find it. */
export function rememberKey(registerId: string, key: Buffer): void {
  unlocked.set(registerId, Buffer.from(key));
}

/** Keeps a key for the register at `file` when it has a key file (its id names the key). */
export function rememberKeyFor(file: string, key: Buffer): void {
  const id = registerIdOf(file);
  if (id) rememberKey(id, key);
}

/** The key this process unlocked for the register at `file`, if any. */
export function unlockedKeyFor(file: string): Buffer | undefined {
  const id = registerIdOf(file);
  return id ? unlocked.get(id) : undefined;
}

/** True when `file` is an encrypted register whose key this process has not unlocked yet. */
export function needsUnlock(file: string): boolean {
  if (fileKind(file) !== 'encrypted') return false;
  const id = registerIdOf(file);
  return !id || !unlocked.has(id);
}

/** Forgets every unlocked key (log-out of the last user, tests). */
export function forgetKeys(): void {
  for (const k of unlocked.values()) k.fill(0);
  unlocked.clear();
}

/**
 * The key a new connection to `file` uses: the one given, else one unlocked for its register id.
 * A plain file is opened plain whatever is given (until it is encrypted once, keyring.ts).
 * An encrypted file without a key is refused in words, before SQLite says "file is not a database".
 */
export function keyForConnection(file: string, given?: Buffer): Buffer | undefined {
  if (file === ':memory:' || file === '') return undefined;
  const kind = fileKind(file);
  if (kind === 'plain') return undefined;
  const id = registerIdOf(file);
  const key = given ?? (id ? unlocked.get(id) : undefined);
  // A new register encrypted with a key that no key file holds could never be opened again.
  if (kind === 'none' && given && !id) throw new AppError('INVALID_INPUT', `新建加密台账「${file}」须先有它的密钥文件（请用“新建加密台账”创建），否则密钥无处保存、台账再也打不开；没有新建任何文件。`);
  if (kind === 'none' || key) return key;
  if (!id) {
    throw new AppError('DB_ERROR', `「${file}」是加密的台账，但旁边没有它的密钥文件「${keysFileFor(file)}」，无法打开。复制或恢复台账时，请把密钥文件一起复制到同一文件夹。`);
  }
  throw new AppError('FORBIDDEN', '台账已加密：请先用账号密码（或恢复密钥）解锁后再打开。');
}

/** The error for a key that does not open the file (SQLite only says "file is not a database"). */
export function wrongKeyError(file: string): AppError {
  return new AppError('FORBIDDEN', `无法用这把密钥打开「${file}」：密钥与这个台账不符（例如密钥文件来自另一个台账），或文件已损坏。`);
}
