// Reading the runner's drafts (db/drafts.ts writes them); apart so db/meetings.ts can read them too.
import type { Db } from './open.js';

export interface Draft {
  riskId: number;
  field: string;
  text: string;
  updatedAt: string;
}

/**
 * The meeting's drafts, and for each item on its agenda without one of its own, what an earlier
 * meeting noted on the same risk when that item ended 未议: notes on an undiscussed item stay with
 * it and come to the next meeting (the runner shows them, the minutes draft uses them).
 */
export function listDrafts(db: Db, meetingId: number): Draft[] {
  const own = db.prepare('SELECT risk_id AS riskId, field, text, updated_at AS updatedAt FROM runner_drafts WHERE meeting_id = ? ORDER BY risk_id, field').all(meetingId) as Draft[];
  const carried = db.prepare(
    `SELECT d.risk_id AS riskId, d.field, d.text, d.updated_at AS updatedAt
       FROM agenda_items here
       JOIN meetings m ON m.id = here.meeting_id
       JOIN agenda_items prev ON prev.risk_id = here.risk_id AND prev.status = '未议' AND prev.meeting_id <> here.meeting_id
       JOIN meetings pm ON pm.id = prev.meeting_id AND pm.date <= m.date
       JOIN runner_drafts d ON d.meeting_id = prev.meeting_id AND d.risk_id = prev.risk_id AND d.field <> 'cursor' AND trim(d.text) <> ''
      WHERE here.meeting_id = ?
      ORDER BY pm.date DESC, pm.id DESC`,
  ).all(meetingId) as Draft[];
  const have = new Set(own.map((x) => `${x.riskId}:${x.field}`));
  for (const c of carried) {
    const k = `${c.riskId}:${c.field}`;
    if (!have.has(k)) {
      have.add(k);
      own.push(c);
    }
  }
  return own;
}
