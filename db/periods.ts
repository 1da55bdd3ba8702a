// Sensitive periods (敏感节点): an editable yearly calendar.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { AppError } from '../shared/errors.js';
import type { SensitivePeriod } from '../shared/periods.js';

type Row = Record<string, unknown>;
const toPeriod = (r: Row): SensitivePeriod => ({
  id: r.id as number,
  name: r.name as string,
  startDate: r.start_date as string,
  endDate: r.end_date as string,
  escalation: r.escalation === 1,
  note: r.note as string,
  version: r.version as number,
});

export function listPeriods(db: Db, year?: number): SensitivePeriod[] {
  const rows = year
    ? db.prepare('SELECT * FROM sensitive_periods WHERE start_date <= ? AND end_date >= ? ORDER BY start_date, id').all(`${year}-12-31`, `${year}-01-01`)
    : db.prepare('SELECT * FROM sensitive_periods ORDER BY start_date, id').all();
  return (rows as Row[]).map(toPeriod);
}

function getPeriod(db: Db, id: number): SensitivePeriod {
  const r = db.prepare('SELECT * FROM sensitive_periods WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的敏感节点，请刷新。`);
  return toPeriod(r);
}

export function createPeriod(db: Db, ctx: WriteContext, p: Omit<SensitivePeriod, 'id' | 'version'>): SensitivePeriod {
  const info = db.prepare('INSERT INTO sensitive_periods (name, start_date, end_date, escalation, note) VALUES (?, ?, ?, ?, ?)').run(p.name, p.startDate, p.endDate, p.escalation ? 1 : 0, p.note);
  const created = getPeriod(db, Number(info.lastInsertRowid));
  writeAudit(db, ctx, 'create', 'sensitive_period', created.id, null, created);
  return created;
}

export function updatePeriod(db: Db, ctx: WriteContext, id: number, version: number, patch: Partial<Omit<SensitivePeriod, 'id' | 'version'>>): SensitivePeriod {
  const before = getPeriod(db, id);
  if (before.version !== version) throw new AppError('CONFLICT', `「${before.name}」已被修改过（当前版本 ${before.version}），本次未保存。请刷新后重试。`);
  const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as SensitivePeriod;
  if (after.startDate > after.endDate) throw new AppError('INVALID_INPUT', '「结束日期」不能早于开始日期。');
  const keys = (['name', 'startDate', 'endDate', 'escalation', 'note'] as const).filter((k) => after[k] !== before[k]);
  if (keys.length === 0) return before;
  db.prepare('UPDATE sensitive_periods SET name = ?, start_date = ?, end_date = ?, escalation = ?, note = ?, version = version + 1 WHERE id = ?').run(
    after.name, after.startDate, after.endDate, after.escalation ? 1 : 0, after.note, id,
  );
  writeAudit(db, ctx, 'update', 'sensitive_period', id, Object.fromEntries(keys.map((k) => [k, before[k]])), Object.fromEntries(keys.map((k) => [k, after[k]])));
  return getPeriod(db, id);
}

export function deletePeriod(db: Db, ctx: WriteContext, id: number, version: number): { id: number } {
  const before = getPeriod(db, id);
  if (before.version !== version) throw new AppError('CONFLICT', `「${before.name}」已被修改过，本次未删除。请刷新后重试。`);
  db.prepare('DELETE FROM sensitive_periods WHERE id = ?').run(id);
  writeAudit(db, ctx, 'delete', 'sensitive_period', id, before, null);
  return { id };
}
