// The runner's autosave drafts. Written on every debounced keystroke, so they carry no audit row:
// a draft is not a record; what the meeting decides is recorded (and audited) separately.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import type { Draft } from './draftList.js';
import { AppError } from '../shared/errors.js';
import { getMeeting } from './meetings.js';
import { getRisk } from './risk-row.js';
import { meetingDisplayName } from '../shared/meetings.js';

export type { Draft } from './draftList.js';
export { listDrafts } from './draftList.js';

export function saveDraft(db: Db, ctx: WriteContext, input: { meetingId: number; riskId: number; field: string; text: string }): Draft {
  const m = getMeeting(db, input.meetingId);
  if (m.locked || m.state === '已取消') throw new AppError('CONFLICT', `${meetingDisplayName(m)}${m.locked ? '已签发锁定' : '已取消'}，不能再记录。`);
  // Refused before anything is written (the cursor's delete included), in words, not as a foreign-key failure.
  getRisk(db, input.riskId);
  const now = ctx.now();
  if (input.field === 'cursor') db.prepare("DELETE FROM runner_drafts WHERE meeting_id = ? AND field = 'cursor'").run(input.meetingId);
  db.prepare(
    `INSERT INTO runner_drafts (meeting_id, risk_id, field, text, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(meeting_id, risk_id, field) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
  ).run(input.meetingId, input.riskId, input.field, input.text, now);
  return { riskId: input.riskId, field: input.field, text: input.text, updatedAt: now };
}

