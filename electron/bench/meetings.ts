// Agenda generation at scale: 100,000 risks (the bench register) and 200,000 action items,
// of which a realistic few percent are still open. Timed through the dispatcher against an
// independently written SQL query that finds the same risks.
import type { BenchSuite } from './types.js';
import type { Db } from '../../db/open.js';
import { addDays } from '../../shared/dates.js';
import { mulberry32 } from '../../shared/demo.js';

const ACTIONS = 200_000;

/**
 * The bench's 200,000 assignments (as many per risk in the quick guard's register), added once: the
 * 统计 suite calls this too, so `--suite stats` alone measures the register the whole bench does.
 */
export function addBenchActions(db: Db, asOf: string, quick: boolean, risks: number) {
  const rand = mulberry32(99);
  // The quick guard's register: as many actions per risk as at full size.
  const actions = quick ? risks * 2 : ACTIONS;
  const riskIds = (db.prepare('SELECT id FROM risks').all() as Array<{ id: number }>).map((r) => r.id);
  const meetingIds = (db.prepare('SELECT id FROM meetings ORDER BY date').all() as Array<{ id: number }>).map((r) => r.id);
  const have = (db.prepare('SELECT COUNT(*) AS n FROM actions').get() as { n: number }).n;
  if (have >= actions) return;
  db.transaction(() => {
    const ins = db.prepare(
      `INSERT INTO actions (code, meeting_id, content, lead_unit, issued_at, due_at, original_due_at, state, closed_on, created_at, updated_at)
       VALUES (?, ?, '办理', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const link = db.prepare('INSERT OR IGNORE INTO action_risks (action_id, risk_id) VALUES (?, ?)');
    const states = ['已交办', '已签收', '办理中', '已反馈', '退回重办'];
    for (let i = 0; i < actions - have; i++) {
      const issued = addDays(asOf, -Math.floor(rand() * 1500) - 1);
      const due = addDays(issued, 7 + Math.floor(rand() * 40));
      // Open work is recent: of the last 90 days' assignments about 1 in 10 is still open (≈1,200,
      // half of them overdue) — already several times a real bureau's live workload; the other
      // 199,000 are closed history the queries must not touch.
      const open = issued > addDays(asOf, -90) && rand() < 0.1;
      const state = open ? states[Math.floor(rand() * states.length)] : '办结';
      const id = Number(ins.run(`BJ-${i}`, meetingIds[Math.floor(rand() * meetingIds.length)] ?? null, `单位${Math.floor(rand() * 60)}`, issued, due, due, state, open ? null : due, issued, issued).lastInsertRowid);
      link.run(id, riskIds[Math.floor(rand() * riskIds.length)]);
      if (rand() < 0.2) link.run(id, riskIds[Math.floor(rand() * riskIds.length)]);
    }
  }).immediate();
  db.exec('ANALYZE');
}

export const meetingsSuite: BenchSuite = {
  name: 'meetings',
  setup: async ({ core, asOf, quick, risks }) => {
    const db = core.db;
    addBenchActions(db, asOf, quick, risks);
    const upcoming = db.prepare("SELECT id, date, version FROM meetings WHERE state = '筹备' ORDER BY date DESC LIMIT 1").get() as { id: number; date: string; version: number };
    // The ranked proposal's definition, written again as one query without reading the product's
    // SQL or code. A risk is proposed when any reason below finds it; each branch names its reason
    // and where that rule lives, so a change of definition there shows here as a failing comparison.
    // Shared by every branch: not deleted (shared/agenda.ts `add`); the register's and providers'
    // reasons also skip closed risks (已销号/转司法终结), the action reasons do not.
    // @asOf is the day asked; @mdate the meeting's date, which the grading reasons use.
    // Rank (shared/agendaRank.ts rankScore, compareRanked; the default weights of shared/settings.ts,
    // which the bench does not change): score = 10 × level steps (重大 4 … 低 1, 未定级 0)
    //   + 4 × distinct reasons + 0.5 × min(days overdue, 60) + 20 × nearness of a sensitive period;
    // days overdue = the more of (meeting date − next review, for a 到期研判 item whose review date
    // is before the meeting) and (@asOf − the holiday-shifted due date of its latest late action);
    // nearness = (W − min(max(days to the period's start, 0), W) + 1) / (W + 1) with W the rule set's
    // escalationDaysBefore, for 敏感节点临近 items; order: score desc, level (未定级 last), code.
    const raw = db.prepare(
      `WITH
       -- The meeting before this one (db/meetings.ts previousMeeting): earlier date, or same date and lower id.
       last AS (SELECT id, date FROM meetings WHERE date < @mdate OR (date = @mdate AND id < @mid) ORDER BY date DESC, id DESC LIMIT 1),
       -- The rule set in force: the highest version (db/rulesets.ts currentRuleSet).
       rules AS (SELECT json_extract(config, '$.escalationDaysBefore') AS days, json_extract(config, '$.collective.minCount') AS min_count,
                        json_extract(config, '$.collective.months') AS months FROM rule_sets ORDER BY version DESC LIMIT 1),
       -- Working days (shared/calendar.ts isWorkingDay: a 调休 workday is worked, a holiday is not, else Monday–Friday)
       -- from 1,600 days back to @asOf; an open action's effective due date is the first working day on or after
       -- its stored due date (nextWorkingDayOnOrAfter), and it is late when that is before @asOf.
       days(d) AS (SELECT date(@asOf, '-1600 days') UNION ALL SELECT date(d, '+1 day') FROM days WHERE d < @asOf),
       workdays AS MATERIALIZED (SELECT days.d FROM days LEFT JOIN calendar_days c ON c.date = days.d
                    WHERE CASE c.kind WHEN 'workday' THEN 1 WHEN 'holiday' THEN 0 ELSE strftime('%w', days.d) NOT IN ('0', '6') END),
       open_actions AS MATERIALIZED (SELECT a.id, a.state, a.meeting_id, (SELECT min(w.d) FROM workdays w WHERE w.d >= a.due_at) AS eff
                    FROM actions a WHERE a.state <> '办结'),
       -- Start (exclusive) of "the last N months up to the meeting" (shared/dates.ts addMonths: same day N months
       -- earlier, clamped to that month's last day; SQLite's own '-N months' would roll 05-31 over into March).
       window_start AS (SELECT min(date(@mdate, 'start of month', '-' || months || ' months', '+' || (CAST(strftime('%d', @mdate) AS INTEGER) - 1) || ' days'),
                                   date(@mdate, 'start of month', '-' || (months - 1) || ' months', '-1 day')) AS d FROM rules),
       -- 等级上升 looks back to the last meeting, or a week before the meeting for the first one (db/agendaReasons.ts).
       since AS (SELECT coalesce((SELECT date FROM last), date(@mdate, '-7 days')) AS d),
       -- The escalation period under way at the meeting or starting within the window, earliest start first.
       period AS (SELECT p.start_date FROM sensitive_periods p, rules WHERE p.escalation <> 0 AND p.end_date >= @mdate
                    AND p.start_date <= date(@mdate, '+' || rules.days || ' days') ORDER BY p.start_date LIMIT 1),
       open_risks AS (SELECT id FROM risks WHERE deleted_at IS NULL AND status NOT IN ('已销号', '转司法终结')),
       reasons(id, kind) AS (
         -- 反弹 (rebound), shared/agenda.ts: status 反弹.
         SELECT id, 'rebound' FROM risks WHERE deleted_at IS NULL AND status = '反弹'
         -- 新增事项 (new), shared/agenda.ts: open, entered the register after the last meeting's date (Shanghai
         -- calendar day, UTC+8: created_at at or after 16:00Z that day) and by @asOf; any date when there is no last meeting.
         UNION SELECT id, 'new' FROM risks WHERE deleted_at IS NULL AND status NOT IN ('已销号', '转司法终结')
           AND created_at >= coalesce((SELECT date FROM last) || 'T16:00:00.000Z', '') AND created_at < @asOf || 'T16:00:00.000Z'
         -- 交办超期 / 交办退回重办 / 上次会议交办未办结 (actionOverdue, actionReturned, carried), shared/agenda.ts:
         -- an open action that is late, returned (退回重办), or was assigned at the last meeting, for each linked risk.
         UNION SELECT ar.risk_id, 'actionOverdue' FROM open_actions a JOIN action_risks ar ON ar.action_id = a.id JOIN risks r ON r.id = ar.risk_id
           WHERE r.deleted_at IS NULL AND a.eff < @asOf
         UNION SELECT ar.risk_id, 'actionReturned' FROM open_actions a JOIN action_risks ar ON ar.action_id = a.id JOIN risks r ON r.id = ar.risk_id
           WHERE r.deleted_at IS NULL AND a.state = '退回重办'
         UNION SELECT ar.risk_id, 'carried' FROM open_actions a JOIN action_risks ar ON ar.action_id = a.id JOIN risks r ON r.id = ar.risk_id
           WHERE r.deleted_at IS NULL AND a.meeting_id = (SELECT id FROM last)
         -- 上次未议结 (carried), shared/agenda.ts: on the last meeting's agenda and not 已议, risk still open.
         UNION SELECT ai.risk_id, 'carried' FROM agenda_items ai JOIN open_risks o ON o.id = ai.risk_id
           WHERE ai.meeting_id = (SELECT id FROM last) AND ai.status <> '已议'
         -- 到期研判 (dueForReview), shared/agendaReasons.ts dueForReviewReason: open, next review on or before the meeting.
         UNION SELECT id, 'dueForReview' FROM risks WHERE deleted_at IS NULL AND status NOT IN ('已销号', '转司法终结') AND next_review <= @mdate
         -- 等级上升 (levelRaised), shared/agendaReasons.ts levelRaisedReason: open, and the final level of the latest
         -- assessment up to the meeting is more serious (smaller) than that of the latest up to since (latest =
         -- greatest assessed_on, then id); no reason without an assessment at both dates.
         UNION SELECT o.id, 'levelRaised' FROM open_risks o
           WHERE o.id IN (SELECT risk_id FROM assessments WHERE assessed_on > (SELECT d FROM since) AND assessed_on <= @mdate)
             AND (SELECT final_level FROM assessments WHERE risk_id = o.id AND assessed_on <= @mdate ORDER BY assessed_on DESC, id DESC LIMIT 1)
               < (SELECT final_level FROM assessments WHERE risk_id = o.id AND assessed_on <= (SELECT d FROM since) ORDER BY assessed_on DESC, id DESC LIMIT 1)
         -- 敏感节点临近 (sensitivePeriod), shared/agendaReasons.ts sensitivePeriodReason + shared/grading.ts
         -- escalationTrigger: open; a period (above); and a (not deleted) 进京/赴省 event up to the meeting, or a
         -- 到市集访 of at least collective.minCount people in the collective.months up to the meeting.
         UNION SELECT e.risk_id, 'sensitivePeriod' FROM risk_events e JOIN open_risks o ON o.id = e.risk_id, rules
           WHERE EXISTS (SELECT 1 FROM period) AND e.deleted_at IS NULL AND e.occurred_on <= @mdate
             AND (e.kind IN ('进京', '赴省')
                  OR (e.kind = '到市集访' AND coalesce(e.count, 0) >= rules.min_count AND e.occurred_on > (SELECT d FROM window_start)))),
       late_actions AS MATERIALIZED (SELECT ar.risk_id, max(julianday(@asOf) - julianday(a.eff)) AS days FROM open_actions a JOIN action_risks ar ON ar.action_id = a.id
                        WHERE a.eff < @asOf GROUP BY ar.risk_id),
       proposed AS (
         SELECT r.id, r.code, r.level, count(*) AS n,
           max(CASE WHEN sum(x.kind = 'dueForReview') > 0 AND r.next_review < @mdate THEN julianday(@mdate) - julianday(r.next_review) ELSE 0 END,
               coalesce(max(l.days), 0)) AS overdue,
           CASE WHEN sum(x.kind = 'sensitivePeriod') > 0
             THEN ((SELECT days FROM rules) - min(max(julianday((SELECT start_date FROM period)) - julianday(@mdate), 0), (SELECT days FROM rules)) + 1) * 1.0 / ((SELECT days FROM rules) + 1)
             ELSE 0 END AS near
         FROM reasons x JOIN risks r ON r.id = x.id LEFT JOIN late_actions l ON l.risk_id = r.id GROUP BY r.id)
       SELECT id, 10 * coalesce(5 - level, 0) + 4 * n + 0.5 * min(overdue, 60) + 20 * near AS score,
              count(*) OVER () AS total
       FROM proposed ORDER BY score DESC, level IS NULL, level, code LIMIT 20`,
    );
    // The stored proposal is generated once here (a write, timed on its own below); the page cases read it.
    const gen = await core.dispatch('agenda.generate', { meetingId: upcoming.id, asOf });
    if (!gen.ok) throw new Error(gen.error.message);
    const page = (list: 'all' | 'main' | 'consent') => async () => {
      const r = await core.dispatch('agenda.proposal', { meetingId: upcoming.id, list, page: 1, pageSize: 20 });
      if (!r.ok) throw new Error(r.error.message);
      const v = r.value as { rows: Array<{ riskId: number }>; total: number };
      return { ids: v.rows.map((x) => x.riskId), total: v.total };
    };
    return [
      {
        name: `ranked proposal, first page of all (${ACTIONS} actions)`,
        api: page('all'),
        raw: () => {
          const rows = raw.all({ mid: upcoming.id, mdate: upcoming.date, asOf }) as Array<{ id: number; total: number }>;
          return { ids: rows.map((r) => r.id), total: rows[0]?.total ?? 0 };
        },
        same: (a, b) => {
          const [x, y] = [a as { ids: number[]; total: number }, b as { ids: number[]; total: number }];
          if (x.total !== y.total) throw new Error(`ranked proposal: total api ${x.total} ≠ raw ${y.total}`);
          if (JSON.stringify(x.ids) !== JSON.stringify(y.ids)) throw new Error(`ranked proposal: first page api ${x.ids.join(',')} ≠ raw ${y.ids.join(',')}`);
          if (x.ids.length === 0) throw new Error('ranked proposal: empty page proves nothing');
        },
        targetMs: 100,
      },
      { name: 'ranked proposal, first page of the main list', api: page('main'), targetMs: 100 },
      { name: 'ranked proposal, first page of the consent list', api: page('consent'), targetMs: 100 },
      {
        name: 'generate the ranked proposal (stored; before the first page)',
        api: async () => {
          const r = await core.dispatch('agenda.generate', { meetingId: upcoming.id, asOf });
          if (!r.ok) throw new Error(r.error.message);
          return r.value;
        },
        runs: 3,
      },
      {
        name: 'my Monday dashboard',
        api: async () => {
          const r = await core.dispatch('dashboard.monday', { asOf });
          if (!r.ok) throw new Error(r.error.message);
          return (r.value as { overdueCount: number }).overdueCount;
        },
        targetMs: 300,
      },
    ];
  },
};
