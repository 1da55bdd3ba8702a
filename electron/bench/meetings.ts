// Agenda generation at scale: 100,000 risks (the bench register) and 200,000 action items,
// of which a realistic few percent are still open. Timed through the dispatcher against an
// independently written SQL query that finds the same risks.
import type { BenchSuite } from './types.js';
import { addDays } from '../../shared/dates.js';
import { mulberry32 } from '../../shared/demo.js';

const ACTIONS = 200_000;


export const meetingsSuite: BenchSuite = {
  name: 'meetings',
  setup: async ({ core, asOf, quick, risks }) => {
    const db = core.db;
    const rand = mulberry32(99);
    // The quick guard's register: as many actions per risk as at full size.
    const actions = quick ? risks * 2 : ACTIONS;
    const riskIds = (db.prepare('SELECT id FROM risks').all() as Array<{ id: number }>).map((r) => r.id);
    const meetingIds = (db.prepare('SELECT id FROM meetings ORDER BY date').all() as Array<{ id: number }>).map((r) => r.id);
    const have = (db.prepare('SELECT COUNT(*) AS n FROM actions').get() as { n: number }).n;
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
    const upcoming = db.prepare("SELECT id, date FROM meetings WHERE state = '筹备' ORDER BY date DESC LIMIT 1").get() as { id: number; date: string };
    // The agenda proposal's definition, written again as one query without reading the product's
    // SQL: a risk is proposed when any branch below finds it. Each branch names its reason and
    // where that rule lives; a change of definition there shows here as a failing comparison.
    // Shared by every branch: not deleted (shared/agenda.ts `add`); the register's and providers'
    // reasons also skip closed risks (已销号/转司法终结), the action reasons do not.
    // @asOf is the day asked; @mdate the meeting's date, which the grading reasons use.
    const raw = db.prepare(
      `WITH
       -- The meeting before this one (db/meetings.ts previousMeeting): earlier date, or same date and lower id.
       last AS (SELECT id, date FROM meetings WHERE date < @mdate OR (date = @mdate AND id < @mid) ORDER BY date DESC, id DESC LIMIT 1),
       -- The rule set in force: the highest version (db/rulesets.ts currentRuleSet).
       rules AS (SELECT json_extract(config, '$.escalationDaysBefore') AS days, json_extract(config, '$.collective.minCount') AS min_count,
                        json_extract(config, '$.collective.months') AS months FROM rule_sets ORDER BY version DESC LIMIT 1),
       -- The last working day before @asOf (shared/calendar.ts isWorkingDay: a 调休 workday is worked, a holiday is
       -- not, else Monday–Friday). An action is late when @asOf is after its due date moved to the next working day
       -- (nextWorkingDayOnOrAfter), i.e. when some working day lies in [due, @asOf): due <= this day.
       back(d, n) AS (SELECT date(@asOf, '-1 day'), 0 UNION ALL SELECT date(d, '-1 day'), n + 1 FROM back WHERE n < 60),
       last_workday AS (SELECT max(b.d) AS d FROM back b LEFT JOIN calendar_days c ON c.date = b.d
                        WHERE CASE c.kind WHEN 'workday' THEN 1 WHEN 'holiday' THEN 0 ELSE strftime('%w', b.d) NOT IN ('0', '6') END),
       -- Start (exclusive) of "the last N months up to the meeting" (shared/dates.ts addMonths: same day N months
       -- earlier, clamped to that month's last day; SQLite's own '-N months' would roll 05-31 over into March).
       window_start AS (SELECT min(date(@mdate, 'start of month', '-' || months || ' months', '+' || (CAST(strftime('%d', @mdate) AS INTEGER) - 1) || ' days'),
                                   date(@mdate, 'start of month', '-' || (months - 1) || ' months', '-1 day')) AS d FROM rules),
       -- 等级上升 looks back to the last meeting, or a week before the meeting for the first one (db/agendaReasons.ts).
       since AS (SELECT coalesce((SELECT date FROM last), date(@mdate, '-7 days')) AS d),
       open_risks AS (SELECT id FROM risks WHERE deleted_at IS NULL AND status NOT IN ('已销号', '转司法终结'))
       -- 反弹 (rebound), shared/agenda.ts: status 反弹.
       SELECT id FROM risks WHERE deleted_at IS NULL AND status = '反弹'
       -- 新增事项 (new), shared/agenda.ts: open, entered the register after the last meeting's date (Shanghai
       -- calendar day, UTC+8: created_at at or after 16:00Z that day) and by @asOf; any date when there is no last meeting.
       UNION SELECT id FROM risks WHERE deleted_at IS NULL AND status NOT IN ('已销号', '转司法终结')
         AND created_at >= coalesce((SELECT date FROM last) || 'T16:00:00.000Z', '') AND created_at < @asOf || 'T16:00:00.000Z'
       -- 交办超期 / 交办退回重办 / 上次会议交办未办结 (actionOverdue, actionReturned, carried), shared/agenda.ts:
       -- an open action (not 办结) that is late, returned (退回重办), or was assigned at the last meeting, for each linked risk.
       UNION SELECT ar.risk_id FROM actions a JOIN action_risks ar ON ar.action_id = a.id JOIN risks r ON r.id = ar.risk_id
         WHERE r.deleted_at IS NULL AND a.state <> '办结'
           AND (a.due_at <= (SELECT d FROM last_workday) OR a.state = '退回重办' OR a.meeting_id = (SELECT id FROM last))
       -- 上次未议结 (carried), shared/agenda.ts: on the last meeting's agenda and not 已议, risk still open.
       UNION SELECT ai.risk_id FROM agenda_items ai JOIN open_risks o ON o.id = ai.risk_id
         WHERE ai.meeting_id = (SELECT id FROM last) AND ai.status <> '已议'
       -- 到期研判 (dueForReview), shared/agendaReasons.ts dueForReviewReason: open, next review on or before the meeting.
       UNION SELECT id FROM risks WHERE deleted_at IS NULL AND status NOT IN ('已销号', '转司法终结') AND next_review <= @mdate
       -- 等级上升 (levelRaised), shared/agendaReasons.ts levelRaisedReason: open, and the final level of the latest
       -- assessment up to the meeting is more serious (smaller) than that of the latest up to since (latest =
       -- greatest assessed_on, then id); no reason without an assessment at both dates. A different latest needs
       -- an assessment in (since, meeting], so only those risks are looked at.
       UNION SELECT o.id FROM open_risks o
         WHERE o.id IN (SELECT risk_id FROM assessments WHERE assessed_on > (SELECT d FROM since) AND assessed_on <= @mdate)
           AND (SELECT final_level FROM assessments WHERE risk_id = o.id AND assessed_on <= @mdate ORDER BY assessed_on DESC, id DESC LIMIT 1)
             < (SELECT final_level FROM assessments WHERE risk_id = o.id AND assessed_on <= (SELECT d FROM since) ORDER BY assessed_on DESC, id DESC LIMIT 1)
       -- 敏感节点临近 (sensitivePeriod), shared/agendaReasons.ts sensitivePeriodReason + shared/grading.ts
       -- escalationTrigger: open; an escalation period under way at the meeting or starting within the rule set's
       -- escalationDaysBefore after it; and a (not deleted) 进京/赴省 event up to the meeting, or a 到市集访 of at
       -- least collective.minCount people in the collective.months up to the meeting.
       UNION SELECT DISTINCT e.risk_id FROM risk_events e JOIN open_risks o ON o.id = e.risk_id, rules
         WHERE EXISTS (SELECT 1 FROM sensitive_periods p WHERE p.escalation <> 0 AND p.end_date >= @mdate
                         AND p.start_date <= date(@mdate, '+' || rules.days || ' days'))
           AND e.deleted_at IS NULL AND e.occurred_on <= @mdate
           AND (e.kind IN ('进京', '赴省')
                OR (e.kind = '到市集访' AND coalesce(e.count, 0) >= rules.min_count AND e.occurred_on > (SELECT d FROM window_start)))`,
    );
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    return [
      {
        name: `agenda proposal (${ACTIONS} actions)`,
        api: async () => {
          const r = await core.dispatch('agenda.propose', { meetingId: upcoming.id, asOf });
          if (!r.ok) throw new Error(r.error.message);
          return sorted((r.value as Array<{ riskId: number }>).map((p) => p.riskId));
        },
        raw: () => sorted((raw.all({ mid: upcoming.id, mdate: upcoming.date, asOf }) as Array<{ id: number }>).map((r) => r.id)),
        same: (a, b) => {
          if (JSON.stringify(a) === JSON.stringify(b)) return;
          const [x, y] = [new Set(a as number[]), new Set(b as number[])];
          const only = (p: Set<number>, q: Set<number>) => [...p].filter((id) => !q.has(id)).slice(0, 10).join(',') || '-';
          throw new Error(`agenda: api ${x.size} risks, raw ${y.size}; only api: ${only(x, y)}; only raw: ${only(y, x)}`);
        },
        targetMs: 100,
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
