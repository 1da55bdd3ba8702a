// Agenda generation at scale: 100,000 risks (the bench register) and 200,000 action items,
// of which a realistic few percent are still open. Timed through the dispatcher against an
// independently written SQL query that finds the same risks.
import type { BenchSuite } from './types.js';
import { addDays } from '../../shared/dates.js';
import { mulberry32 } from '../../shared/demo.js';

const ACTIONS = 200_000;


export const meetingsSuite: BenchSuite = {
  name: 'meetings',
  setup: async ({ core, asOf: benchAsOf }) => {
    const db = core.db;
    // The raw query compares stored due dates and ignores the weekend/holiday shift of a due date,
    // which only matters on the first working day after days off: ask on the Wednesday of that week.
    const asOf = addDays(benchAsOf, 3 - (((new Date(benchAsOf + 'T00:00:00Z').getUTCDay() + 6) % 7) + 1));
    const rand = mulberry32(99);
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
      for (let i = 0; i < ACTIONS - have; i++) {
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
    const raw = db.prepare(
      `WITH last AS (SELECT id, date FROM meetings WHERE date < @mdate ORDER BY date DESC, id DESC LIMIT 1)
       SELECT id FROM risks WHERE deleted_at IS NULL AND status = '反弹'
       UNION SELECT id FROM risks WHERE deleted_at IS NULL AND status NOT IN ('已销号','转司法终结')
         AND created_at >= (SELECT date FROM last) || 'T16:00:00.000Z' AND created_at < @asOf || 'T16:00:00.000Z'
       UNION SELECT ar.risk_id FROM actions a JOIN action_risks ar ON ar.action_id = a.id JOIN risks r ON r.id = ar.risk_id
         WHERE r.deleted_at IS NULL AND a.state <> '办结' AND (a.due_at < @asOf OR a.state = '退回重办' OR a.meeting_id = (SELECT id FROM last))
       UNION SELECT ai.risk_id FROM agenda_items ai JOIN risks r ON r.id = ai.risk_id
         WHERE ai.meeting_id = (SELECT id FROM last) AND ai.status <> '已议' AND r.deleted_at IS NULL AND r.status NOT IN ('已销号','转司法终结')`,
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
        raw: () => sorted((raw.all({ mdate: upcoming.date, asOf }) as Array<{ id: number }>).map((r) => r.id)),
        same: (a, b) => {
          if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`agenda: api ${(a as number[]).length} risks, raw ${(b as number[]).length}`);
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
