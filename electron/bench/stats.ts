// 统计 at 100,000 risks / 1.5 million assessments: each query behind one table or chart, for the as-of
// day's year, against an independently written raw SQL giving the same numbers (target: within 100 ms
// and 1.5× of the raw query), one figure's drill-down page through the dispatcher, and the whole
// 统计 page for a year with both comparisons (stats.summary, target 2 s).
import type { BenchCase, BenchSuite } from './types.js';
import { tallyAssessments, tallyMeetings, tallyRisks, type Span } from '../../db/statsMeasures.js';
import { unitTable } from '../../db/statsActions.js';
import { getStatsDefinitions } from '../../db/stats.js';
import { addDays } from '../../shared/dates.js';
import { CLOSED_STATUSES_SQL } from '../../shared/risks.js';
import { sqlInList } from '../../shared/sql.js';
import { HELD_MEETING_STATES, periodOf } from '../../shared/stats.js';
import { rawUnits, unitFigures } from './statsUnits.js';
import { addBenchActions } from './meetings.js';

function sameTotals(name: string) {
  return (a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${name}: api ${JSON.stringify(a).slice(0, 200)} ≠ raw ${JSON.stringify(b).slice(0, 200)}`);
  };
}

export const statsSuite: BenchSuite = {
  name: 'stats',
  setup({ core, asOf, quick, risks }) {
    const db = core.db;
    // The whole bench runs this suite after the meetings suite's 200,000 assignments: add them when run alone.
    addBenchActions(db, asOf, quick, risks);
    const year = periodOf('year', asOf);
    const span: Span = { from: year.from, to: asOf };
    const defs = getStatsDefinitions(db);
    const closed = CLOSED_STATUSES_SQL;
    const held = sqlInList(HELD_MEETING_STATES);
    // Raw: the register on a day, written straight from the schema (a row started by then and not ended).
    const rawOpen = db.prepare(`SELECT d, g, lv, COUNT(*) FROM (SELECT r.domain_id AS d, r.region_id AS g, COALESCE(h.level, 0) AS lv FROM risk_history h JOIN risks r ON r.id = h.risk_id
      WHERE h.on_date <= ? AND COALESCE(h.until, '9999-12-31') > ? AND h.status NOT IN ${closed}) GROUP BY d, g, lv`);
    const rawMoves = (cond: string) =>
      db.prepare(`SELECT r.domain_id, r.region_id, COALESCE(e.level, 0), COUNT(*) FROM (SELECT DISTINCT risk_id FROM risk_history h WHERE h.on_date BETWEEN ? AND ? AND ${cond}) x
        JOIN risks r ON r.id = x.risk_id JOIN risk_history e ON e.risk_id = x.risk_id AND e.on_date <= ? AND COALESCE(e.until, '9999-12-31') > ? GROUP BY 1, 2, 3`);
    const units = rawUnits(db);
    const grouped = (t: ReturnType<typeof tallyRisks>) => ({ total: t.total, byDomain: t.byDomain, byRegion: t.byRegion, byLevel: t.byLevel });
    const fromRaw = (rows: Array<[number, number, number, number]>) => {
      const t = { total: 0, byDomain: {} as Record<number, number>, byRegion: {} as Record<number, number>, byLevel: [0, 0, 0, 0, 0] };
      for (const [d, g, lv, n] of rows) {
        t.total += n;
        t.byDomain[d] = (t.byDomain[d] ?? 0) + n;
        t.byRegion[g] = (t.byRegion[g] ?? 0) + n;
        t.byLevel[lv] += n;
      }
      return t;
    };
    const riskCase = (name: string, m: Parameters<typeof tallyRisks>[1], raw: () => Array<[number, number, number, number]>): BenchCase => ({
      name: `${name}（按领域/县区/等级），一年`,
      api: async () => grouped(tallyRisks(db, m, defs, span)),
      raw: () => fromRaw(raw()),
      same: sameTotals(name),
      targetMs: 100,
      targetRatio: 1.5,
    });
    const moves = (cond: string) => () => rawMoves(cond).raw().all(span.from, span.to, span.to, span.to) as Array<[number, number, number, number]>;
    const cases: BenchCase[] = [
      riskCase('期末在册', 'openEnd', () => rawOpen.raw().all(span.to, span.to) as Array<[number, number, number, number]>),
      riskCase('期初在册', 'openStart', () => rawOpen.raw().all(addDays(span.from, -1), addDays(span.from, -1)) as Array<[number, number, number, number]>),
      riskCase('新增', 'entered', moves('h.prev_status IS NULL')),
      riskCase('升级', 'raised', moves('h.level < h.prev_level')),
      riskCase('销号', 'closed', moves(`h.status IN ${closed} AND h.prev_status NOT IN ${closed}`)),
      riskCase('反弹', 'rebounded', moves(`h.prev_status IN ${closed} AND h.status NOT IN ${closed}`)),
      {
        name: '召开研判会（按类型），一年',
        api: async () => tallyMeetings(db, span),
        raw: () => Object.fromEntries(db.prepare(`SELECT type, COUNT(*) FROM meetings WHERE date BETWEEN ? AND ? AND state IN ${held} GROUP BY type`).raw().all(span.from, span.to) as Array<[string, number]>),
        same: sameTotals('meetings'),
        targetMs: 100,
        targetRatio: 1.5,
      },
      {
        name: '研判记录与一揽子确认，一年',
        api: async () => tallyAssessments(db, span),
        raw: () => {
          const rows = db
            .prepare(`SELECT (p.list = 'consent' AND ai.id IS NULL) AS c, COUNT(*) FROM assessments a JOIN meetings m ON m.id = a.meeting_id
              LEFT JOIN agenda_proposals p ON p.meeting_id = a.meeting_id AND p.risk_id = a.risk_id LEFT JOIN agenda_items ai ON ai.meeting_id = a.meeting_id AND ai.risk_id = a.risk_id
              WHERE m.date BETWEEN ? AND ? AND m.state IN ${held} GROUP BY 1`)
            .raw()
            .all(span.from, span.to) as Array<[number | null, number]>;
          return { total: rows.reduce((a, r) => a + r[1], 0), consent: rows.filter((r) => r[0]).reduce((a, r) => a + r[1], 0) };
        },
        same: sameTotals('assessments'),
        targetMs: 100,
        targetRatio: 1.5,
      },
      {
        name: '责任单位交办办理情况（排名），一年',
        api: async () => unitFigures(unitTable(db, span).units),
        raw: () => units(span),
        same: sameTotals('units'),
        targetMs: 100,
        targetRatio: 1.5,
      },
      {
        name: '期末在册 → 记录清单（首页 50 条，经接口）',
        api: async () => {
          const r = await core.dispatch('stats.records', { period: year, asOf, measure: 'openEnd', filter: {}, offset: 0, limit: 50 });
          if (!r.ok) throw new Error(r.error.message);
          return (r.value as { total: number }).total;
        },
        targetMs: 300,
      },
      {
        name: '统计页整页：一年，含上期与去年同期（stats.summary）',
        api: async () => {
          const r = await core.dispatch('stats.summary', { period: year, asOf, compare: true });
          if (!r.ok) throw new Error(r.error.message);
          return (r.value as { current: { risks: { openEnd: { total: number } } } }).current.risks.openEnd.total;
        },
        targetMs: 2000,
        runs: 5,
      },
    ];
    return cases;
  },
};
