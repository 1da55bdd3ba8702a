// What the agenda modules share about the stored proposal (migration 0005) and the agenda settings,
// without the proposal's own rules: read by db/agenda.ts (an item picked by hand keeps its stored
// reasons), db/agendaProposal.ts and the minutes (db/meetings.ts, the consent paragraph).
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { AppError } from '../shared/errors.js';
import { DEFAULT_AGENDA_SETTINGS, type AgendaSettings } from '../shared/settings.js';
import type { AgendaReason } from '../shared/agenda.js';
import type { ConsentMinutesItem } from '../shared/agendaConsent.js';

/** A proposal row p that is on its meeting's agenda / was assessed at its meeting. */
export const ON_AGENDA = 'EXISTS (SELECT 1 FROM agenda_items ai WHERE ai.meeting_id = p.meeting_id AND ai.risk_id = p.risk_id)';
export const ASSESSED = 'EXISTS (SELECT 1 FROM assessments a WHERE a.risk_id = p.risk_id AND a.meeting_id = p.meeting_id)';

export function getAgendaSettings(db: Db): AgendaSettings {
  const v = db.prepare("SELECT value FROM settings WHERE key = 'agenda'").pluck().get() as string | undefined;
  if (!v) return { ...structuredClone(DEFAULT_AGENDA_SETTINGS), version: 1 };
  return JSON.parse(v) as AgendaSettings;
}

export function updateAgendaSettings(db: Db, ctx: WriteContext, input: AgendaSettings): AgendaSettings {
  const before = getAgendaSettings(db);
  if (input.version !== before.version) {
    throw new AppError('CONFLICT', `议程设置已被修改过（当前版本 ${before.version}，您编辑的是版本 ${input.version}）。本次未保存，请刷新后重新修改。`, { current: before.version });
  }
  if (JSON.stringify({ ...input, version: 0 }) === JSON.stringify({ ...before, version: 0 })) return before;
  const after: AgendaSettings = { weights: input.weights, minutesPerLevel: input.minutesPerLevel, version: before.version + 1 };
  db.prepare("INSERT INTO settings (key, value) VALUES ('agenda', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(after));
  writeAudit(db, ctx, 'update', 'settings', null, { agenda: before }, { agenda: after });
  return after;
}

/** The stored reasons and minutes of proposed risks (so an item picked by hand keeps its reasons). */
export function proposedReasons(db: Db, meetingId: number, riskIds: number[]): Map<number, { reasons: AgendaReason[]; minutes: number }> {
  const rows = db.prepare('SELECT risk_id, reasons, minutes FROM agenda_proposals WHERE meeting_id = ? AND risk_id IN (SELECT value FROM json_each(?))').raw().all(meetingId, JSON.stringify(riskIds)) as Array<[number, string, number]>;
  return new Map(rows.map(([id, reasons, minutes]) => [id, { reasons: JSON.parse(reasons) as AgendaReason[], minutes }]));
}

export function insertAgenda(db: Db, meetingId: number, items: Array<{ riskId: number; minutes: number; reasons: string }>): number {
  let pos = ((db.prepare('SELECT MAX(position) FROM agenda_items WHERE meeting_id = ?').pluck().get(meetingId) as number | null) ?? 0) + 1;
  const ins = db.prepare('INSERT OR IGNORE INTO agenda_items (meeting_id, risk_id, position, minutes, reasons) VALUES (?, ?, ?, ?, ?)');
  let added = 0;
  for (const it of items) {
    if (ins.run(meetingId, it.riskId, pos, it.minutes, it.reasons).changes) {
      pos++;
      added++;
    }
  }
  return added;
}

/**
 * The consent items the meeting confirmed (for the 纪要): on its consent list, not pulled onto the
 * agenda, and assessed at this meeting; in rank order.
 */
export function consentItemsFor(db: Db, meetingId: number): ConsentMinutesItem[] {
  return db
    .prepare(
      `SELECT r.code AS riskCode, r.title AS riskTitle FROM agenda_proposals p JOIN risks r ON r.id = p.risk_id
       WHERE p.meeting_id = ? AND p.list = 'consent' AND NOT ${ON_AGENDA} AND ${ASSESSED} ORDER BY p.rank`,
    )
    .all(meetingId) as ConsentMinutesItem[];
}
