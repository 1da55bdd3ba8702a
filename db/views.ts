// Saved register views (我的筛选), one set per operator (the operator name in settings).
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { AppError } from '../shared/errors.js';
import type { SavedView, ViewPayload } from '../shared/views.js';

interface Row {
  id: number;
  operator: string;
  name: string;
  payload: string;
  updated_at: string;
  version: number;
}

const toView = (r: Row): SavedView => ({ id: r.id, operator: r.operator, name: r.name, payload: JSON.parse(r.payload) as ViewPayload, updatedAt: r.updated_at, version: r.version });

export function listViews(db: Db, operator: string): SavedView[] {
  return (db.prepare('SELECT * FROM saved_views WHERE operator = ? ORDER BY name').all(operator) as Row[]).map(toView);
}

/** Saves under a name; an existing view of that name is overwritten only with its current version. */
export function saveView(db: Db, ctx: WriteContext, name: string, payload: ViewPayload, version?: number): SavedView {
  const existing = db.prepare('SELECT * FROM saved_views WHERE operator = ? AND name = ?').get(ctx.actor, name) as Row | undefined;
  const json = JSON.stringify(payload);
  const now = ctx.now();
  if (!existing) {
    const id = Number(db.prepare('INSERT INTO saved_views (operator, name, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(ctx.actor, name, json, now, now).lastInsertRowid);
    writeAudit(db, ctx, 'create', 'saved_view', id, null, { name, payload });
    return toView(db.prepare('SELECT * FROM saved_views WHERE id = ?').get(id) as Row);
  }
  if (version !== existing.version) {
    throw new AppError('CONFLICT', `已有名为「${name}」的筛选。如要覆盖，请在“我的筛选”中选中它后再保存；否则请换一个名称。`, { current: existing.version });
  }
  if (existing.payload === json) return toView(existing);
  db.prepare('UPDATE saved_views SET payload = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(json, now, existing.id);
  writeAudit(db, ctx, 'update', 'saved_view', existing.id, { payload: JSON.parse(existing.payload) }, { payload });
  return toView(db.prepare('SELECT * FROM saved_views WHERE id = ?').get(existing.id) as Row);
}

export function deleteView(db: Db, ctx: WriteContext, id: number, version: number): void {
  const row = db.prepare('SELECT * FROM saved_views WHERE id = ? AND operator = ?').get(id, ctx.actor) as Row | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这个筛选（只能删除自己保存的筛选）。请刷新后重试。');
  if (row.version !== version) throw new AppError('CONFLICT', `筛选「${row.name}」已被修改过，本次未删除。请刷新后重试。`, { current: row.version });
  db.prepare('DELETE FROM saved_views WHERE id = ?').run(id);
  writeAudit(db, ctx, 'delete', 'saved_view', id, { name: row.name, payload: JSON.parse(row.payload) }, null);
}
