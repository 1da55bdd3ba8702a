// `yanpan setup`: the first run from the command line — the bureau's identity and the first
// 系统管理员, whose password is typed (or given by YANPAN_PASSWORD): there is no default password.
import { resolve } from 'node:path';
import { openCore } from './core.js';
import { parse, UsageError } from './cli-args.js';
import { setup } from './session.js';
import { askPassword, cliCaller } from './cli-auth.js';
import { defaultDbPath } from './paths.js';
import { openCoreToRead } from './core.js';
import { fail } from './cli-args.js';
import type { AuditCheck } from '../shared/audit.js';

export async function setupCmd(args: string[]) {
  const { values } = parse(args, { db: { type: 'string' }, city: { type: 'string' }, prefix: { type: 'string' }, admin: { type: 'string' }, name: { type: 'string' } });
  if (!values.db || !values.city || !values.prefix || !values.admin) throw new UsageError('请给出 --db、--city（如 江城市）、--prefix（如 JC）和 --admin（系统管理员的账号名）。');
  const password = process.env.YANPAN_PASSWORD ?? (await askPassword('系统管理员的密码：'));
  const core = openCore({ dbPath: resolve(String(values.db)), host: 'cli' });
  try {
    const admin = String(values.admin);
    const a = setup(core.db, { cityName: values.city, cityPrefix: values.prefix, name: admin, displayName: String(values.name ?? admin), password }, () => new Date().toISOString());
    process.stdout.write(JSON.stringify({ admin: a.name, role: a.role }) + '\n');
  } finally {
    core.close();
  }
}

/** `yanpan audit verify [--head H]`: the chain recomputed; exit code 1 when anything is off. */
export async function auditCmd(args: string[]) {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError('用法：yanpan audit verify [--head 链头] [--db 文件]');
  const { values } = parse(rest, { db: { type: 'string' }, head: { type: 'string' } });
  const core = openCoreToRead({ dbPath: resolve(String(values.db ?? defaultDbPath())), host: 'cli' });
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
