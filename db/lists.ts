// Editing the domain and region lists (设置 → 领域 / 县区). Entries in use are never removed:
// a risk must always resolve its region and domain; they can be renamed or deactivated instead.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { getLists } from './settings.js';
import { AppError } from '../shared/errors.js';
import { LIST_LABELS, type ListKind, type NamedItem } from '../shared/settings.js';

function entity(list: ListKind): string {
  return list === 'domains' ? 'domain' : 'region';
}

export function getListItem(db: Db, list: ListKind, id: number): NamedItem {
  const item = getLists(db)[list].find((x) => x.id === id);
  if (!item) throw new AppError('NOT_FOUND', `找不到这个${LIST_LABELS[list]}（编号 ${id}），可能已被删除。请刷新后重试。`);
  return item;
}

function assertVersion(list: ListKind, item: NamedItem, version: number): void {
  if (item.version !== version) {
    throw new AppError('CONFLICT', `${LIST_LABELS[list]}「${item.name}」已被修改过（当前版本 ${item.version}，您编辑的是版本 ${version}）。本次未保存，请刷新后重试。`, { current: item.version });
  }
}

function assertUniqueName(db: Db, list: ListKind, name: string, exceptId?: number): void {
  const hit = db.prepare(`SELECT id FROM ${list} WHERE name = ?`).pluck().get(name) as number | undefined;
  if (hit !== undefined && hit !== exceptId) throw new AppError('CONFLICT', `已有名为「${name}」的${LIST_LABELS[list]}，请换一个名称。`);
}

export function addListItem(db: Db, ctx: WriteContext, list: ListKind, name: string): NamedItem {
  assertUniqueName(db, list, name);
  const sort = ((db.prepare(`SELECT MAX(sort) FROM ${list}`).pluck().get() as number | null) ?? 0) + 10;
  const id = Number(db.prepare(`INSERT INTO ${list} (name, sort) VALUES (?, ?)`).run(name, sort).lastInsertRowid);
  const item = getListItem(db, list, id);
  writeAudit(db, ctx, 'create', entity(list), id, null, { name, sort, active: true });
  return item;
}

export function renameListItem(db: Db, ctx: WriteContext, list: ListKind, id: number, version: number, name: string): NamedItem {
  const before = getListItem(db, list, id);
  assertVersion(list, before, version);
  if (before.name === name) return before;
  assertUniqueName(db, list, name, id);
  db.prepare(`UPDATE ${list} SET name = ?, version = version + 1 WHERE id = ?`).run(name, id);
  writeAudit(db, ctx, 'update', entity(list), id, { name: before.name }, { name });
  return getListItem(db, list, id);
}

export function setListItemActive(db: Db, ctx: WriteContext, list: ListKind, id: number, version: number, active: boolean): NamedItem {
  const before = getListItem(db, list, id);
  assertVersion(list, before, version);
  if (before.active === active) return before;
  db.prepare(`UPDATE ${list} SET active = ?, version = version + 1 WHERE id = ?`).run(active ? 1 : 0, id);
  writeAudit(db, ctx, 'update', entity(list), id, { active: before.active }, { active });
  return getListItem(db, list, id);
}

/** Swaps display position with the neighbour above or below (both bump their version). At an end: no-op. */
export function moveListItem(db: Db, ctx: WriteContext, list: ListKind, id: number, version: number, direction: 'up' | 'down'): NamedItem[] {
  const items = getLists(db)[list];
  const i = items.findIndex((x) => x.id === id);
  if (i < 0) throw new AppError('NOT_FOUND', `找不到这个${LIST_LABELS[list]}（编号 ${id}）。请刷新后重试。`);
  assertVersion(list, items[i], version);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= items.length) return items;
  // Renumber the whole list in steps of 10 with the two swapped, so equal sort values can never tie.
  const order = items.map((x) => x.id);
  [order[i], order[j]] = [order[j], order[i]];
  const set = db.prepare(`UPDATE ${list} SET sort = ?, version = version + 1 WHERE id = ? AND sort <> ?`);
  order.forEach((itemId, k) => set.run((k + 1) * 10, itemId, (k + 1) * 10));
  writeAudit(db, ctx, 'reorder', entity(list), id, { order: items.map((x) => x.name) }, { order: order.map((x) => items.find((y) => y.id === x)!.name) });
  return getLists(db)[list];
}

export function removeListItem(db: Db, ctx: WriteContext, list: ListKind, id: number, version: number): void {
  const before = getListItem(db, list, id);
  assertVersion(list, before, version);
  if (before.inUse > 0) {
    throw new AppError('CONFLICT', `${LIST_LABELS[list]}「${before.name}」还有 ${before.inUse} 条风险事项在使用（含已删除的），不能删除。可以改名，或设为停用，停用后不再出现在新增事项的选项中。`);
  }
  db.prepare(`DELETE FROM ${list} WHERE id = ?`).run(id);
  writeAudit(db, ctx, 'delete', entity(list), id, { name: before.name, sort: before.sort, active: before.active }, null);
}

/**
 * Set-up's county list. A register with no risk yet gets exactly these (what the first open
 * seeded is only a placeholder list, so the demo's counties never reach a new bureau); one that
 * already holds risks (an older register set up after an upgrade) keeps every county, in use or
 * not, and gains the missing ones. Audited with the set-up row itself.
 */
export function setRegionsAtSetup(db: Db, names: readonly string[]): void {
  if (((db.prepare('SELECT COUNT(*) FROM risks').pluck().get() as number) ?? 0) === 0) db.prepare('DELETE FROM regions').run();
  const existing = new Set(db.prepare('SELECT name FROM regions').pluck().all() as string[]);
  const ins = db.prepare('INSERT INTO regions (name, sort) VALUES (?, (SELECT coalesce(MAX(sort), 0) + 10 FROM regions))');
  for (const name of names) if (!existing.has(name)) ins.run(name);
}
