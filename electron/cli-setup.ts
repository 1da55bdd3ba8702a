// `yanpan setup`: the first run from the command line — the bureau's identity and the first
// 系统管理员, whose password is typed (or given by YANPAN_PASSWORD): there is no default password.
import { resolve } from 'node:path';
import { openCore } from './core.js';
import { parse, UsageError } from './cli-args.js';
import { setup } from './session.js';
import { askPassword, cliCaller, unlockForCli } from './cli-auth.js';
import { defaultDbPath } from './paths.js';
import { openCoreToRead } from './core.js';
import { fail } from './cli-args.js';
import type { AuditCheck } from '../shared/audit.js';
import { encryptInPlace, recoverAdmin } from './encryptHost.js';
import { isEncrypted, unlockKey } from '../db/keyring.js';
import { splitListNames } from '../shared/settings.js';

export async function setupCmd(args: string[]) {
  const { values } = parse(args, { db: { type: 'string' }, city: { type: 'string' }, prefix: { type: 'string' }, admin: { type: 'string' }, name: { type: 'string' }, regions: { type: 'string' } });
  if (!values.db || !values.city || !values.prefix || !values.regions || !values.admin) {
    throw new UsageError('请给出 --db、--city（如 江城市）、--prefix（如 JC）、--regions（下辖区县，用顿号或逗号分隔，如 城关区、临江区）和 --admin（系统管理员的账号名）。');
  }
  const dbPath = resolve(String(values.db));
  if (isEncrypted(dbPath)) fail('这个台账已经加密，首次设置早已完成。请以账号登录后使用。');
  const password = process.env.YANPAN_PASSWORD ?? (await askPassword('系统管理员的密码：'));
  const now = () => new Date().toISOString();
  const core = openCore({ dbPath, host: 'cli' });
  let admin: string;
  try {
    admin = String(values.admin);
    setup(core.db, { cityName: values.city, cityPrefix: values.prefix, regions: splitListNames(String(values.regions)), name: admin, displayName: String(values.name ?? admin), password }, now);
  } finally {
    core.close();
  }
  // The register is encrypted at once: the 系统管理员's password opens it, and so does the recovery key printed here, once.
  let reopened: ReturnType<typeof openCore> | null = null;
  try {
    const out = encryptInPlace(dbPath, { accounts: [{ account: admin, password }], actor: admin, deletePlainBackups: false }, (key) => (reopened = openCore({ dbPath, host: 'cli', key })), now);
    process.stdout.write(JSON.stringify({ admin, role: '系统管理员', encrypted: true, recoveryKey: out.recoveryKey }) + '\n');
    process.stderr.write(`请把恢复密钥抄写或打印后密封保存：${out.recoveryKey}\n它只显示这一次；全部密码遗失时，凭它才能打开台账（见 README「忘记全部密码时」）。\n`);
  } finally {
    (reopened as ReturnType<typeof openCore> | null)?.close();
  }
}

/** `yanpan audit verify [--head H]`: the chain recomputed; exit code 1 when anything is off. */
export async function auditCmd(args: string[]) {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError('用法：yanpan audit verify [--head 链头] [--db 文件]');
  const { values } = parse(rest, { db: { type: 'string' }, head: { type: 'string' } });
  const dbPath = resolve(String(values.db ?? defaultDbPath()));
  await unlockForCli(dbPath);
  const core = openCoreToRead({ dbPath, host: 'cli' });
  try {
    const r = await core.dispatchLocal('audit.verify', values.head ? { head: String(values.head) } : {}, await cliCaller(core.db, () => new Date().toISOString()));
    if (!r.ok) fail(r.error.message);
    const check = r.value as AuditCheck;
    process.stdout.write(JSON.stringify(check, null, 2) + '\n');
    if (!check.ok) {
      process.stderr.write(check.message + '\n');
      process.exitCode = 1;
    }
  } finally {
    core.close();
  }
}

/** `yanpan recover`: every password lost — the sealed recovery key sets a 系统管理员's new password. */
export async function recoverCmd(args: string[]) {
  const { values } = parse(args, { db: { type: 'string' }, admin: { type: 'string' } });
  if (!values.admin) throw new UsageError('请用 --admin 给出要重设密码的系统管理员账号。');
  const dbPath = resolve(String(values.db ?? defaultDbPath()));
  if (!isEncrypted(dbPath)) fail('这个台账没有加密，用不到恢复密钥：请由系统管理员在「账号与安全」中重置密码。');
  const recoveryKey = process.env.YANPAN_RECOVERY_KEY ?? (await askPassword('恢复密钥（6 组，每组 4 个字符）：'));
  const password = process.env.YANPAN_NEW_PASSWORD ?? (await askPassword('新密码：'));
  const now = () => new Date().toISOString();
  unlockKey(dbPath, { recoveryKey });
  const core = openCore({ dbPath, host: 'cli' });
  try {
    recoverAdmin(core, String(values.admin), password, now);
  } finally {
    core.close();
  }
  process.stdout.write(JSON.stringify({ admin: String(values.admin), reset: true, mustChange: true }) + '\n');
}
