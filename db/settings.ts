// Settings and the editable lists (domains, regions).
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { AppError } from '../shared/errors.js';
import { DEFAULT_CITY_PREFIX, DEFAULT_DOMAINS, DEFAULT_REGIONS, DEMO_CITY_NAME } from '../shared/labels.js';
import type { AppSettings, Lists, NamedItem } from '../shared/settings.js';

/**
 * Defaults for a new register, written only when missing: an open that finds them in place writes
 * nothing, so a read-only or busy register still opens for reading. The bureau's name and code
 * prefix are not among them: set-up writes them (or the demo brings 江城市's), so a new register
 * never carries the demo's identity.
 */
export function seedDefaults(db: Db): void {
  const count = (table: 'domains' | 'regions') => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  if (count('domains') > 0 && count('regions') > 0) return;
  db.transaction(() => {
    const insertList = (table: 'domains' | 'regions', names: readonly string[]) => {
      if (count(table) > 0) return;
      const ins = db.prepare(`INSERT INTO ${table} (name, sort) VALUES (?, ?)`);
      names.forEach((name, i) => ins.run(name, (i + 1) * 10));
    };
    insertList('domains', DEFAULT_DOMAINS);
    // A placeholder county list (every register needs one before its first risk): set-up replaces it
    // with the bureau's own counties (db/lists.ts setRegionsAtSetup); the demo and tests keep it.
    insertList('regions', DEFAULT_REGIONS);
  }).immediate();
}

/**
 * The demo's fictional bureau (江城市, prefix JC), written only where the register has no identity
 * of its own yet: a register set up as 河阳市 keeps its name.
 */
export function seedDemoIdentity(db: Db): void {
  const put = db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)');
  put.run('cityName', DEMO_CITY_NAME);
  put.run('cityPrefix', DEFAULT_CITY_PREFIX);
}

export function getSetting(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

function putSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The operator defaults to the OS user until someone sets a name. */
// The dispatcher reads the settings on every call (the operator is the audit actor): one cached
// statement instead of four prepares keeps that off the register's hot path.
const readAll = new WeakMap<Db, Database.Statement>();

export function getSettings(db: Db, defaultOperator: string): AppSettings {
  let stmt = readAll.get(db);
  if (!stmt) readAll.set(db, (stmt = db.prepare("SELECT key, value FROM settings WHERE key IN ('cityPrefix', 'cityName', 'operator', 'settingsVersion')")));
  const m = new Map((stmt.all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]));
  return {
    cityPrefix: m.get('cityPrefix') ?? DEFAULT_CITY_PREFIX,
    cityName: m.get('cityName') ?? '',
    operator: m.get('operator') ?? defaultOperator,
    version: Number(m.get('settingsVersion') ?? 1),
  };
}

/** A stale `version` is refused; without one (CLI, older callers) the patch applies to the current settings. */
export function updateSettings(db: Db, ctx: WriteContext, patch: Partial<AppSettings>, defaultOperator: string): AppSettings {
  const before = getSettings(db, defaultOperator);
  if (patch.version !== undefined && patch.version !== before.version) {
    throw new AppError('CONFLICT', `设置已被修改过（当前版本 ${before.version}，您编辑的是版本 ${patch.version}）。本次未保存，请刷新后重新修改。`, { current: before.version });
  }
  const changed = Object.entries(patch).filter(([k, v]) => k !== 'version' && v !== undefined && before[k as keyof AppSettings] !== v);
  if (changed.length === 0) return before;
  for (const [k, v] of changed) putSetting(db, k, String(v));
  putSetting(db, 'settingsVersion', String(before.version + 1));
  const after = getSettings(db, defaultOperator);
  const { version: _bv, ...b } = before;
  const { version: _av, ...a } = after;
  writeAudit(db, ctx, 'update', 'settings', null, b, a);
  return after;
}

export function isInitialized(db: Db): boolean {
  return getSetting(db, 'initialized') === '1';
}

export function markInitialized(db: Db, ctx: WriteContext, how: string): void {
  if (isInitialized(db)) return;
  putSetting(db, 'initialized', '1');
  // The demo's pages carry a 示例数据 banner.
  if (how === 'demo') putSetting(db, 'demoData', '1');
  writeAudit(db, ctx, 'init', 'settings', null, null, { how });
}

/** The lists' one order (the settings page, every select, the heat map's axes). */
const LIST_ORDER = 'sort, id';

/**
 * Ids and names of the domains and regions in list order, without the in-use counts getLists adds
 * (a COUNT over the register for each entry: ~3 ms at 20,000 risks, too much for a chart's labels).
 */
export function getListNames(db: Db): { domains: Array<{ id: number; name: string }>; regions: Array<{ id: number; name: string }> } {
  const read = (table: 'domains' | 'regions') => db.prepare(`SELECT id, name FROM ${table} ORDER BY ${LIST_ORDER}`).all() as Array<{ id: number; name: string }>;
  return { domains: read('domains'), regions: read('regions') };
}

export function getLists(db: Db): Lists {
  // inUse per entry: one indexed lookup each (risks_by_domain_id / risks_by_region), lists are short.
  const read = (table: 'domains' | 'regions') => {
    const col = table === 'domains' ? 'domain_id' : 'region_id';
    const count = db.prepare(`SELECT (SELECT COUNT(*) FROM risks WHERE deleted_at IS NULL AND ${col} = ?) + (SELECT COUNT(*) FROM risks WHERE deleted_at IS NOT NULL AND ${col} = ?)`).pluck();
    return (db.prepare(`SELECT id, name, sort, active, version FROM ${table} ORDER BY ${LIST_ORDER}`).all() as Array<Omit<NamedItem, 'active' | 'inUse'> & { active: number }>).map(
      (r) => ({ ...r, active: r.active === 1, inUse: count.get(r.id, r.id) as number }),
    );
  };
  return { domains: read('domains'), regions: read('regions') };
}
