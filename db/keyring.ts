// The register's keyring: one random 256-bit database key, wrapped (AES-256-GCM) once per account
// by a key derived from that account's password (scrypt), and once by a recovery key printed at
// set-up. The wrapped copies live in the key file beside the register (`<file>.keys`, JSON, no
// secret in clear), which travels with every backup and copy: see docs/encryption.md.
//
// Any account opens the register; a password change re-wraps only that account's copy; an admin
// reset re-wraps with an unlocked key, no old password needed; the recovery key opens it when every
// password is lost. The database key itself never changes, so no page is ever re-encrypted.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { AppError } from '../shared/errors.js';
import { CIPHER, KEY_BYTES, fileKind, keysFileFor, rememberKey } from './cipher.js';
import { openDatabase } from './open.js';
import { connect } from './sqlite.js';

/** scrypt cost: N = 2^15, r = 8, p = 3 (one of OWASP's equivalent settings; 32 MB, ≈0.5 s here): see docs/encryption.md. */
const SCRYPT = { N: 1 << 15, r: 8, p: 3 } as const;
const SCRYPT_MAXMEM = 256 * 1024 * 1024;
/** Derived for a name that has no slot (see unlockSlot). */
const NO_SLOT = { name: 'scrypt', ...SCRYPT, salt: 'eWFucGFuLW5vLXNsb3Q=' } as const;

export interface Slot {
  kind: 'account' | 'recovery';
  /** The caller's stable account id (kind 'account'). */
  account?: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  iv: string;
  tag: string;
  wrapped: string;
}

export interface KeyFile {
  format: 'yanpan-keyring';
  version: 1;
  registerId: string;
  cipher: typeof CIPHER;
  /** HMAC of the register id under the database key: tells a right key from a wrong one without opening the file. */
  check: string;
  slots: Slot[];
  /**
   * Wrong passwords typed while the register could not be opened (electron/unlock.ts), per login name
   * (lower case): the running count, a lock's end, and the failures not yet written to the register's
   * audit. Kept here because the register that normally counts them is the one that cannot be read.
   */
  attempts?: Record<string, UnlockAttempts>;
  /**
   * Per login name (lower case): a MAC under the database key tying that account's slot to its
   * password hash in the register, written once one password was seen to open both (db/slotBinding.ts).
   */
  bindings?: Record<string, string>;
}

export interface UnlockAttempts {
  count: number;
  until: string | null;
  failures: string[];
}

export interface AccountSecret {
  account: string;
  password: string;
}
export type Credentials = AccountSecret | { recoveryKey: string };

// ---- recovery keys: 24 characters of Crockford's base32 (120 bits), in six groups of four --------

const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function generateRecoveryKey(): string {
  const bytes = randomBytes(24);
  const chars = [...bytes].map((b) => B32[b & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** The recovery key as typed (any case, spaces or dashes, O for 0, I or L for 1) in its canonical form. */
export function normaliseRecoveryKey(typed: string): string {
  const s = typed.toUpperCase().replace(/[\s\-—_]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const bad = [...s].filter((c) => !B32.includes(c));
  if (bad.length) throw new AppError('INVALID_INPUT', `恢复密钥中有不应出现的字符：${[...new Set(bad)].join(' ')}（恢复密钥只含数字和字母，U 不会出现）`);
  if (s.length !== 24) throw new AppError('INVALID_INPUT', `恢复密钥应为 24 个字符（6 组，每组 4 个），现在是 ${s.length} 个`);
  return s;
}

// ---- wrapping ----------------------------------------------------------------------------------

function derive(secret: string, kdf: Slot['kdf']): Buffer {
  return scryptSync(secret.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: SCRYPT_MAXMEM });
}

function aad(registerId: string, kind: Slot['kind'], account = ''): Buffer {
  return Buffer.from(`yanpan-keyring\0${registerId}\0${kind}\0${account}`, 'utf8');
}

function wrap(key: Buffer, secret: string, registerId: string, kind: Slot['kind'], account?: string): Slot {
  const kdf = { name: 'scrypt' as const, ...SCRYPT, salt: randomBytes(16).toString('base64') };
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', derive(secret, kdf), iv);
  c.setAAD(aad(registerId, kind, account));
  const wrapped = Buffer.concat([c.update(key), c.final()]);
  return { kind, ...(account !== undefined ? { account } : {}), kdf, iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), wrapped: wrapped.toString('base64') };
}

/** The database key from a slot, or null when the secret is not the one it was wrapped with. */
function unwrap(slot: Slot, secret: string, registerId: string): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', derive(secret, slot.kdf), Buffer.from(slot.iv, 'base64'));
    d.setAAD(aad(registerId, slot.kind, slot.account));
    d.setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(slot.wrapped, 'base64')), d.final()]);
  } catch {
    return null;
  }
}

function checkValue(key: Buffer, registerId: string): string {
  return createHmac('sha256', key).update(`yanpan-keyring-check\0${registerId}`).digest('base64');
}

// ---- the key file ------------------------------------------------------------------------------

export function readKeyFile(file: string): KeyFile {
  const kf = keysFileFor(file);
  if (!existsSync(kf)) throw new AppError('NOT_FOUND', `没有找到台账的密钥文件「${kf}」。加密的台账必须和它的密钥文件放在同一文件夹；请从原处或备份文件夹把同名的 .keys 文件一起复制过来。`);
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(readFileSync(kf, 'utf8')) as KeyFile;
  } catch {
    throw new AppError('DB_ERROR', `密钥文件「${kf}」已损坏（不是有效的密钥文件）。请从备份文件夹取回同名的 .keys 文件。`);
  }
  if (parsed?.format !== 'yanpan-keyring' || parsed.version !== 1 || !Array.isArray(parsed.slots) || typeof parsed.registerId !== 'string') {
    throw new AppError('DB_ERROR', `「${kf}」不是风险研判台的密钥文件，或来自更新版本的程序。`);
  }
  return parsed;
}

/** Written beside and renamed, flushed: a crash leaves the old key file or the new one, never half. */
export function writeKeyFile(file: string, k: KeyFile): void {
  const kf = keysFileFor(file);
  const tmp = `${kf}.part`;
  writeFileSync(tmp, JSON.stringify(k, null, 2) + '\n');
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, kf);
}

/** An account's slot; login names are case-insensitive like the accounts table's (COLLATE NOCASE, ASCII). */
function isSlotOf(s: Slot, account: string): boolean {
  return s.kind === 'account' && s.account !== undefined && s.account.toLowerCase() === account.trim().toLowerCase();
}

function needAccount(a: AccountSecret): void {
  if (typeof a.account !== 'string' || !a.account.trim()) throw new AppError('INVALID_INPUT', '账号不能为空');
  if (typeof a.password !== 'string' || !a.password) throw new AppError('INVALID_INPUT', `账号「${a.account}」的密码不能为空`);
}

function assertKey(k: KeyFile, key: Buffer): void {
  if (key.length !== KEY_BYTES || !timingSafeEqual(Buffer.from(checkValue(key, k.registerId), 'base64'), Buffer.from(k.check, 'base64'))) {
    throw new AppError('FORBIDDEN', '这把密钥不属于这个台账，密钥文件没有改动。');
  }
}

/**
 * A new keyring for a new database key: one slot per account and a recovery slot. Returns the
 * key file (not yet written), the key and the recovery key (shown once, never stored in clear).
 */
export function newKeyring(accounts: AccountSecret[]): { keyFile: KeyFile; key: Buffer; recoveryKey: string } {
  if (!accounts.length) throw new AppError('INVALID_INPUT', '加密台账至少需要一个账号（通常是系统管理员）');
  accounts.forEach(needAccount);
  const names = accounts.map((a) => a.account);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new AppError('INVALID_INPUT', `账号「${dup}」重复`);
  const key = randomBytes(KEY_BYTES);
  const registerId = randomUUID();
  const recoveryKey = generateRecoveryKey();
  const slots = accounts.map((a) => wrap(key, a.password, registerId, 'account', a.account));
  slots.push(wrap(key, normaliseRecoveryKey(recoveryKey), registerId, 'recovery'));
  return { keyFile: { format: 'yanpan-keyring', version: 1, registerId, cipher: CIPHER, check: checkValue(key, registerId), slots }, key, recoveryKey };
}

/** A new, empty, encrypted register (schema and defaults) with its key file. */
export function createEncryptedRegister(file: string, o: { accounts: AccountSecret[] }): { key: Buffer; recoveryKey: string } {
  if (fileKind(file) !== 'none') throw new AppError('CONFLICT', `「${file}」已存在，不能在它上面新建台账`);
  if (existsSync(keysFileFor(file))) throw new AppError('CONFLICT', `「${keysFileFor(file)}」已存在：它可能是另一个台账的密钥文件，请先移走`);
  const { keyFile, key, recoveryKey } = newKeyring(o.accounts);
  writeKeyFile(file, keyFile);
  rememberKey(keyFile.registerId, key);
  openDatabase(file, { key }).close();
  return { key, recoveryKey };
}

/** Who can open the register (no secrets): for the 系统管理员's account list. */
export function listSlots(file: string): Array<{ kind: Slot['kind']; account?: string }> {
  return readKeyFile(file).slots.map((s) => ({ kind: s.kind, ...(s.account !== undefined ? { account: s.account } : {}) }));
}

/**
 * The database key from an account's password or the recovery key. Also kept for this process, so
 * the register's connections, backups and checks open with it. The wrong password, an account
 * without a slot or a wrong recovery key: a Chinese error, the key file unchanged.
 */
export function unlockKey(file: string, cred: Credentials): Buffer {
  return unlockSlot(file, cred).key;
}

/** As unlockKey, with the slot that opened (a copy as read): db/slotBinding.ts ties it to the password hash. */
export function unlockSlot(file: string, cred: Credentials): { key: Buffer; slot: Slot; registerId: string } {
  const k = readKeyFile(file);
  let key: Buffer | null = null;
  let slot: Slot | undefined;
  if ('recoveryKey' in cred) {
    const canonical = normaliseRecoveryKey(cred.recoveryKey);
    slot = k.slots.find((s) => s.kind === 'recovery');
    key = slot ? unwrap(slot, canonical, k.registerId) : null;
    if (!key) throw new AppError('FORBIDDEN', '恢复密钥不正确，请逐组核对后重新输入（它只能打开设置时的那个台账及其备份）。');
  } else {
    slot = k.slots.find((s) => isSlotOf(s, cred.account));
    // A name without a slot costs one derivation too, so the time taken tells nobody which names have one.
    key = slot ? unwrap(slot, cred.password, k.registerId) : (derive(cred.password, NO_SLOT), null);
    if (!key) throw new AppError('FORBIDDEN', '账号或密码不正确，无法解锁台账。');
  }
  assertKey(k, key);
  rememberKey(k.registerId, key);
  return { key, slot: slot!, registerId: k.registerId };
}

function setAccountSlot(file: string, k: KeyFile, key: Buffer, a: AccountSecret): void {
  needAccount(a);
  const slot = wrap(key, a.password, k.registerId, 'account', a.account);
  const at = k.slots.findIndex((s) => isSlotOf(s, a.account));
  const slots = [...k.slots];
  if (at >= 0) slots[at] = slot;
  else slots.push(slot);
  writeKeyFile(file, { ...k, slots });
}

/** A new account's copy of the key (a new 用户 created by the 系统管理员, who has the key unlocked). */
export function addSlot(file: string, key: Buffer, a: AccountSecret): void {
  const k = readKeyFile(file);
  assertKey(k, key);
  if (k.slots.some((s) => isSlotOf(s, a.account))) throw new AppError('CONFLICT', `账号「${a.account}」已能打开这个台账`);
  setAccountSlot(file, k, key, a);
}

/** Removes an account's copy (the account deleted). The recovery slot cannot be removed. */
export function removeSlot(file: string, key: Buffer, account: string): void {
  const k = readKeyFile(file);
  assertKey(k, key);
  const slots = k.slots.filter((s) => !(isSlotOf(s, account)));
  if (slots.length === k.slots.length) throw new AppError('NOT_FOUND', `账号「${account}」本来就不能打开这个台账`);
  writeKeyFile(file, { ...k, slots });
}

/** A password change: the old password unwraps, the new one wraps; only this account's slot changes. */
export function rewrapSlot(file: string, o: { account: string; oldPassword: string; newPassword: string }): void {
  const key = unlockKey(file, { account: o.account, password: o.oldPassword });
  setAccountSlot(file, readKeyFile(file), key, { account: o.account, password: o.newPassword });
}

/** An admin reset: the account's slot re-wrapped with a new password, with a key already unlocked. */
export function adminReset(file: string, key: Buffer, o: { account: string; newPassword: string }): void {
  const k = readKeyFile(file);
  assertKey(k, key);
  setAccountSlot(file, k, key, { account: o.account, password: o.newPassword });
}

/**
 * Keeps an account's copy in step with its password (account created, password changed or reset):
 * added or replaced, with a key already unlocked. Nothing to do for a plain register.
 */
export function putSlot(file: string, key: Buffer, a: AccountSecret): void {
  const k = readKeyFile(file);
  assertKey(k, key);
  setAccountSlot(file, k, key, a);
}

/** An account's copy dropped (account disabled), if it has one. */
export function dropSlot(file: string, key: Buffer, account: string): void {
  const k = readKeyFile(file);
  assertKey(k, key);
  if (k.slots.some((s) => isSlotOf(s, account))) removeSlot(file, key, account);
}

/** True when this account has a copy of the key (it can unlock the register at start). */
export function hasSlot(file: string, account: string): boolean {
  return readKeyFile(file).slots.some((s) => isSlotOf(s, account));
}

// ---- failed unlocks, counted across processes (the login page and the command line) ---------------

const attemptKey = (name: string) => name.trim().toLowerCase();

/** The count so far for a name (nothing recorded: zero). */
export function unlockAttempts(file: string, name: string): UnlockAttempts {
  return readKeyFile(file).attempts?.[attemptKey(name)] ?? { count: 0, until: null, failures: [] };
}

/**
 * One more wrong password for `name` at `at`: counted, and locked for `lockMinutes` at `max`. Best
 * effort: a key file this process cannot write (a read-only folder) keeps the old count.
 */
export function recordUnlockFailure(file: string, name: string, at: string, max: number, lockMinutes: number): UnlockAttempts {
  const k = readKeyFile(file);
  const before = k.attempts?.[attemptKey(name)] ?? { count: 0, until: null, failures: [] };
  // An expired lock starts a new count.
  const count = (before.until && before.until <= at ? 0 : before.count) + 1;
  const locked = count >= max;
  const next: UnlockAttempts = { count: locked ? 0 : count, until: locked ? new Date(Date.parse(at) + lockMinutes * 60_000).toISOString() : before.until && before.until > at ? before.until : null, failures: [...before.failures, at].slice(-100) };
  try {
    writeKeyFile(file, { ...k, attempts: { ...k.attempts, [attemptKey(name)]: next } });
  } catch {
    // Counted in the answer only.
  }
  return { ...next, count };
}

/** A good unlock: that name's count starts again (its failures stay until handed to the register). */
export function clearUnlockCount(file: string, name: string): void {
  const k = readKeyFile(file);
  const a = k.attempts?.[attemptKey(name)];
  if (!a || (a.count === 0 && !a.until)) return;
  try {
    writeKeyFile(file, { ...k, attempts: { ...k.attempts, [attemptKey(name)]: { ...a, count: 0, until: null } } });
  } catch {
    // Best effort, as above.
  }
}

/** The failures not yet in the register's audit, removed from the key file (it is open now and takes them). */
export function takeUnlockFailures(file: string): Array<{ name: string; at: string }> {
  const k = readKeyFile(file);
  const out = Object.entries(k.attempts ?? {}).flatMap(([name, a]) => a.failures.map((at) => ({ name, at })));
  if (!out.length) return [];
  const attempts = Object.fromEntries(Object.entries(k.attempts ?? {}).map(([n, a]) => [n, { ...a, failures: [] }]));
  try {
    writeKeyFile(file, { ...k, attempts });
  } catch {
    return [];
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}

/** A new recovery key (the sealed one lost or opened): the old one stops opening the register. */
export function replaceRecoveryKey(file: string, key: Buffer): string {
  const k = readKeyFile(file);
  assertKey(k, key);
  const recoveryKey = generateRecoveryKey();
  const slots = [...k.slots.filter((s) => s.kind !== 'recovery'), wrap(key, normaliseRecoveryKey(recoveryKey), k.registerId, 'recovery')];
  writeKeyFile(file, { ...k, slots });
  return recoveryKey;
}

/** True when the register file is encrypted (has no plain SQLite header). */
export function isEncrypted(file: string): boolean {
  return fileKind(file) === 'encrypted';
}

/** Opens the register's file with the key, read-only, to prove they belong together (tests, set-up checks). */
export function verifyKeyOpens(file: string, key: Buffer): void {
  connect(file, { readonly: true, key }).close();
}
