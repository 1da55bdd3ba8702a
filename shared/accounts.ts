// Accounts, passwords and the security policy (等级保护 2.0 二级: unique accounts, password rules,
// lockout, session timeout). Pure rules here; hashing and storage in db/accounts.ts.
import { z } from 'zod';
import { ROLES, type Role } from './roles.js';
import { itemName } from './settings.js';

/** The demo register's accounts, one per role; their passwords are random, shown once when the demo loads. */
export const DEMO_ACCOUNTS: ReadonlyArray<{ name: string; displayName: string; role: Role }> = [
  { name: 'yanpan', displayName: '示例研判员', role: '研判员' },
  { name: 'lingdao', displayName: '示例领导', role: '领导' },
  { name: 'chakan', displayName: '示例查看人', role: '查看' },
  { name: 'xitong', displayName: '示例系统管理员', role: '系统管理员' },
  { name: 'anquan', displayName: '示例安全管理员', role: '安全管理员' },
  { name: 'shenji', displayName: '示例审计管理员', role: '审计管理员' },
];

/** A demo account as loaded: its password appears here once and is never stored in clear. */
export interface DemoAccount {
  name: string;
  displayName: string;
  role: Role;
  password: string;
}

/** Set by the 安全管理员. expiryDays 0 turns expiry off. */
export interface SecurityPolicy {
  minLength: number;
  /** How many of the four classes (lower, upper, digit, other) a password must mix. */
  minClasses: number;
  expiryDays: number;
  idleMinutes: number;
  version: number;
}
export const DEFAULT_POLICY: SecurityPolicy = { minLength: 8, minClasses: 3, expiryDays: 90, idleMinutes: 15, version: 1 };

/** Lockout: this many failed logins in a row lock the account for LOCK_MINUTES (web and CLI count together). */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 10;

const CLASSES: Array<[RegExp, string]> = [
  [/[a-z]/, '小写字母'],
  [/[A-Z]/, '大写字母'],
  [/[0-9]/, '数字'],
  [/[^a-zA-Z0-9]/, '符号'],
];

/** Why a password does not meet the policy, or null when it does. */
export function passwordProblem(password: string, policy: Pick<SecurityPolicy, 'minLength' | 'minClasses'>, name?: string): string | null {
  if ([...password].length < policy.minLength) return `密码至少需要 ${policy.minLength} 个字符。`;
  const classes = CLASSES.filter(([re]) => re.test(password)).length;
  if (classes < policy.minClasses) return `密码须包含${CLASSES.map(([, n]) => n).join('、')}中的至少 ${policy.minClasses} 类（现在只有 ${classes} 类）。`;
  if (name && password.toLowerCase().includes(name.toLowerCase())) return '密码不能包含账号名。';
  return null;
}

/** The password has passed its expiry (policy.expiryDays after it was set; 0: never). */
export function passwordExpired(changedAt: string, now: string, expiryDays: number): boolean {
  return expiryDays > 0 && Date.parse(now) - Date.parse(changedAt) >= expiryDays * 86_400_000;
}

/** An account as the 系统管理员 sees it (never the hash). */
export interface AccountRow {
  id: number;
  name: string;
  displayName: string;
  role: Role;
  mustChange: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  failedCount: number;
  passwordChangedAt: string;
  createdAt: string;
  demo: boolean;
  version: number;
}

/** What the page knows about who is logged in. */
export interface SessionInfo {
  account: { id: number; name: string; displayName: string; role: Role };
  /** A first login, a reset or an expired password: the page asks for a new one before anything else. */
  mustChange: boolean;
  policy: SecurityPolicy;
}

const accountName = z
  .string()
  .trim()
  .min(2, { message: '账号名至少 2 个字符' })
  .max(32, { message: '账号名不能超过 32 个字符' })
  .regex(/^[\p{L}\p{N}_.-]+$/u, { message: '账号名只能用汉字、字母、数字和 _ . -' });
const displayName = z.string().trim().min(1, { message: '请填写姓名' }).max(30, { message: '姓名不能超过 30 个字' });
const password = z.string().min(1, { message: '请填写密码' }).max(128, { message: '密码不能超过 128 个字符' });
const role = z.enum(ROLES, { message: `角色只能是：${ROLES.join('、')}` });
const id = z.number().int().positive();
const version = z.number().int().positive();

export const loginInput = z.object({ name: z.string().trim().min(1, { message: '请填写账号' }).max(64), password });
export const changePasswordInput = z.object({ current: password, next: password }).strict();
export const accountCreateInput = z.object({ name: accountName, displayName, role, password }).strict();
export const accountUpdateInput = z.object({ id, version, displayName: displayName.optional(), role: role.optional(), disabled: z.boolean().optional() }).strict();
export const accountResetInput = z.object({ id, version, password }).strict();
export const accountUnlockInput = z.object({ id, version }).strict();
export const policyUpdateInput = z
  .object({
    version,
    minLength: z.number().int().min(8, { message: '最短长度不能低于 8' }).max(64),
    minClasses: z.number().int().min(2, { message: '至少要求 2 类字符' }).max(4),
    expiryDays: z.number().int().min(0).max(365, { message: '有效期最长 365 天（0 表示不过期）' }),
    idleMinutes: z.number().int().min(1, { message: '空闲锁定至少 1 分钟' }).max(60, { message: '空闲锁定最长 60 分钟' }),
  })
  .strict();

/** First run: the bureau's identity and the first 系统管理员 (who chose the password: no forced change). */
export const setupInput = z
  .object({
    cityName: z.string().trim().min(2, { message: '请填写城市名称，如“江城市”' }).max(20),
    cityPrefix: z.string().trim().regex(/^[A-Z]{1,6}$/, { message: '编号前缀为 1–6 个大写字母，如 JC' }),
    // The bureau's own counties: a new register starts with exactly these, never the demo's.
    regions: z
      .array(itemName, { message: '请填写下辖区县' })
      .min(1, { message: '请至少填写一个下辖区县' })
      .max(60, { message: '区县最多 60 个' })
      .refine((names) => new Set(names).size === names.length, { message: '区县名称有重复，请删去重复的一行' }),
    name: accountName,
    displayName,
    password,
  })
  .strict();
export type SetupInput = z.infer<typeof setupInput>;

// ---- the register's encryption (db/keyring.ts; the 系统管理员's 台账加密 panel) ------------------------

/** Encrypting a plain register: the 系统管理员's own password again, and what becomes of the plain backups. */
export const registerEncryptInput = z
  .object({ password, deletePlainBackups: z.boolean().default(false) })
  .strict();
/** A step that hands out a secret (a new recovery key, a plain copy): the 系统管理员's password again. */
export const confirmPasswordInput = z.object({ password }).strict();

/** What encrypting a register did; the recovery key is shown once and never stored in clear. */
export interface EncryptOutcome {
  recoveryKey: string;
  backupsEncrypted: string[];
  backupsDeleted: string[];
  backupsLeftPlain: string[];
}

export interface EncryptionStatus {
  encrypted: boolean;
  cipher: string | null;
  /** Accounts that can unlock the register at start (the others get their copy at their next login). */
  unlockAccounts: string[];
  hasRecoveryKey: boolean;
  /** Backups in the backups folder still in clear. */
  plainBackups: number;
}
