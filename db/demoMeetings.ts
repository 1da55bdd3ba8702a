// Writes the demo's year of meetings and actions (shared/demoHistory.ts) into the database.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { getCalendar } from './calendar.js';
import { generateDemoHistory, type HistoryRisk } from '../shared/demoMeetings.js';
import { addDays } from '../shared/dates.js';

/** Holiday blocks (first day of each 春节/劳动节/国庆节 run) plus 全国两会 (5 March) as sensitive periods. */
function sensitivePeriods(db: Db, asOf: string): Array<{ name: string; start: string }> {
  const days = db.prepare("SELECT date, name FROM calendar_days WHERE kind = 'holiday' AND name IN ('春节','劳动节','国庆节') ORDER BY date").all() as Array<{ date: string; name: string }>;
  const out: Array<{ name: string; start: string }> = [];
  for (const d of days) if (!days.some((x) => x.name === d.name && x.date === addDays(d.date, -1))) out.push({ name: d.name, start: d.date });
  for (const y of [Number(asOf.slice(0, 4)) - 1, Number(asOf.slice(0, 4))]) out.push({ name: '全国两会', start: `${y}-03-05` });
  return out.sort((a, b) => (a.start < b.start ? -1 : 1));
}

export function loadDemoHistory(db: Db, ctx: WriteContext, o: { seed: number; asOf: string }): { meetings: number; actions: number } {
  // The register rows were just inserted "now"; date them from when each risk was first found,
  // so "new since the last meeting" means what it would in a real register.
  db.prepare("UPDATE risks SET created_at = first_found || 'T01:00:00.000Z', updated_at = first_found || 'T01:00:00.000Z' WHERE first_found IS NOT NULL AND first_found <= ?").run(o.asOf);
  const risks = (db.prepare('SELECT id, code, title, level, status, first_found, lead_unit FROM risks WHERE deleted_at IS NULL ORDER BY id').all() as Array<Record<string, unknown>>).map(
    (r): HistoryRisk => ({ id: r.id as number, code: r.code as string, title: r.title as string, level: (r.level as number | null) ?? null, status: r.status as string, firstFound: (r.first_found as string) ?? o.asOf, leadUnit: r.lead_unit as string }),
  );
  const { meetings, actions } = generateDemoHistory({ seed: o.seed, asOf: o.asOf, cal: getCalendar(db), risks, sensitive: sensitivePeriods(db, o.asOf) });
  const now = ctx.now();
  const insMeeting = db.prepare(
    `INSERT INTO meetings (year, session_no, type, date, chair, attendees, on_leave, observers, sensitive_period, minutes_no, minutes_text, minutes_version, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insVersion = db.prepare('INSERT INTO meeting_minutes_versions (meeting_id, version_no, text, signed_at, signed_by, reopened_at, reopened_by, reopen_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insItem = db.prepare('INSERT INTO agenda_items (meeting_id, risk_id, position, minutes, reasons, status) VALUES (?, ?, ?, ?, ?, ?)');
  const ids: number[] = [];
  for (const m of meetings) {
    const stamp = `${m.date}T01:00:00.000Z`;
    const id = Number(
      insMeeting.run(m.year, m.sessionNo, m.type, m.date, m.chair, JSON.stringify(m.attendees), JSON.stringify(m.onLeave), JSON.stringify(m.observers), m.sensitivePeriod, m.minutesNo, m.minutesText, Math.max(1, m.versions.length), m.state, stamp, stamp).lastInsertRowid,
    );
    ids.push(id);
    m.versions.forEach((v, i) => insVersion.run(id, i + 1, v.text, `${addDays(m.date, 2)}T02:00:00.000Z`, '李明', v.reopenReason ? `${addDays(m.date, 5)}T02:00:00.000Z` : null, v.reopenReason ? '李明' : null, v.reopenReason));
    m.items.forEach((it, i) => insItem.run(id, it.riskId, i + 1, it.minutes, JSON.stringify(it.reasons), it.status));
  }
  const insAction = db.prepare(
    `INSERT INTO actions (code, meeting_id, content, lead_unit, co_units, lead_leader, contact, issued_at, due_at, original_due_at, due_rule, feedback_cycle, state, closed_on, return_reason, created_at, updated_at)
     VALUES (?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, '每周', ?, ?, ?, ?, ?)`,
  );
  const insLink = db.prepare('INSERT OR IGNORE INTO action_risks (action_id, risk_id) VALUES (?, ?)');
  const insFeedback = db.prepare('INSERT INTO action_feedback (action_id, date, kind, text, by_whom, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insExt = db.prepare('INSERT INTO action_extensions (action_id, days, reason, requested_on, requested_by) VALUES (?, ?, ?, ?, ?)');
  for (const a of actions) {
    const stamp = `${a.issuedAt}T02:00:00.000Z`;
    const id = Number(
      insAction.run(a.code, ids[a.meetingIndex], a.content, a.leadUnit, a.leadLeader, a.contact, a.issuedAt, a.dueAt, a.dueAt, a.dueRule, a.state, a.closedOn, a.returnReason, stamp, now).lastInsertRowid,
    );
    for (const r of a.riskIds) insLink.run(id, r);
    for (const f of a.feedback) insFeedback.run(id, f.date, f.kind, f.text, f.by, `${f.date}T03:00:00.000Z`);
    if (a.pendingExtension) insExt.run(id, a.pendingExtension.days, a.pendingExtension.reason, a.pendingExtension.requestedOn, a.contact);
  }
  return { meetings: meetings.length, actions: actions.length };
}
