// `yanpan setup`: the first run from the command line — the bureau's identity and the first
// 系统管理员, whose password is typed (or given by YANPAN_PASSWORD): there is no default password.
import { resolve } from 'node:path';
import { openCore } from './core.js';
import { parse, UsageError } from './cli-args.js';
import { setup } from './session.js';
import { askPassword } from './cli-auth.js';

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
