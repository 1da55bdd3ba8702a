// Loads the fictional 江城市 demo register into an empty database: risks, their events, a year of
// assessments and the weekly snapshots built from them (so heat maps, movement and trends have content).
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { insertRisksBulk } from './bulk.js';
import { loadDemoHistory } from './demoMeetings.js';
import { writeAudit } from './audit.js';
import { getLists, getSetting, seedDemoIdentity } from './settings.js';
import { currentRuleSet } from './rulesets.js';
import { listPeriods } from './periods.js';
import { withDeferredWeekAggregates } from './weeks.js';
import { rebuildRiskHistory, recordDemoClosures } from './statsHistory.js';
import { AppError } from '../shared/errors.js';
import { generateDemoRisks } from '../shared/demo.js';
import { demoHistory } from '../shared/demoHistory.js';
import { demoWeekRows, type Timeline } from '../shared/demoWeeks.js';
import { DEFAULT_CITY_PREFIX } from '../shared/labels.js';

export interface DemoLoadOptions {
  risks: number;
  seed: number;
  asOf: string;
  /** Weeks of snapshots to build back from asOf's week (default 52, plus the current one). */
  weeks?: number;
}

export function loadDemo(db: Db, ctx: WriteContext, o: DemoLoadOptions): number {
  // One transaction even when called directly (tests, bench): row-by-row autocommits with
  // synchronous=FULL cost an fsync each. Inside the dispatcher's transaction this is a savepoint.
  return db.transaction(() => loadDemoRows(db, ctx, o))();
}

function loadDemoRows(db: Db, ctx: WriteContext, o: DemoLoadOptions): number {
  const existing = (db.prepare('SELECT COUNT(*) AS n FROM risks').get() as { n: number }).n;
  if (existing > 0) throw new AppError('CONFLICT', `台账中已有 ${existing} 条事项。示例数据只能载入空台账，以免与真实数据混在一起。`);
  seedDemoIdentity(db);
  const lists = getLists(db);
  const rows = generateDemoRisks({
    count: o.risks,
    seed: o.seed,
    asOf: o.asOf,
    prefix: getSetting(db, 'cityPrefix') ?? DEFAULT_CITY_PREFIX,
    domains: lists.domains.filter((d) => d.active),
    regions: lists.regions.filter((g) => g.active),
  });
  const rules = currentRuleSet(db).config;
  const periods = listPeriods(db);
  const timelines: Timeline[] = [];
  const ids = insertRisksBulk(db, ctx, rows, {
    asOf: o.asOf,
    snapshot: false,
    history: (row, i) => {
      const h = demoHistory(row, i, { seed: o.seed, asOf: o.asOf, rules, periods });
      // Keep only what the weekly rows need: the full histories (with their basis texts) of
      // 100,000 risks would hold a gigabyte until the load ends.
      timelines.push({
        row: { status: row.status, domainId: row.domainId, regionId: row.regionId },
        history: { closedOn: h.closedOn, assessments: h.assessments.map((a) => ({ assessedOn: a.assessedOn, likelihood: a.likelihood, impact: a.impact, grade: { finalLevel: a.grade.finalLevel } })) },
      });
      return h;
    },
  });
  const ins = db.prepare('INSERT INTO risk_weeks (week, risk_id, level, prev_level, likelihood, impact, status, domain_id, region_id, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  withDeferredWeekAggregates(db, () => {
    demoWeekRows(timelines, o.asOf, o.weeks ?? 52, (w) => ins.run(w.week, ids[w.index], w.level, w.prevLevel, w.likelihood, w.impact, w.status, w.domainId, w.regionId, w.kind));
  });
  const history = loadDemoHistory(db, ctx, { seed: o.seed, asOf: o.asOf });
  // An assessment dated on a 周例会 day was that meeting's decision: link it (one per risk per
  // meeting — the latest of the day), so past meetings show their assessments and minutes their levels.
  db.exec(`UPDATE assessments SET meeting_id = (SELECT MIN(m.id) FROM meetings m WHERE m.type = '周例会' AND m.date = assessments.assessed_on)
    WHERE meeting_id IS NULL AND kind <> '登记定级'
      AND assessed_on IN (SELECT date FROM meetings WHERE type = '周例会')
      AND id = (SELECT MAX(b.id) FROM assessments b WHERE b.risk_id = assessments.risk_id AND b.assessed_on = assessments.assessed_on AND b.kind <> '登记定级')`);
  recordDemoClosures(db, ctx, timelines.flatMap((t, i) => (t.history.closedOn ? [{ riskId: ids[i], on: t.history.closedOn, status: t.row.status! }] : [])));
  rebuildRiskHistory(db);
  writeAudit(db, ctx, 'demo.load', 'register', null, null, { risks: o.risks, seed: o.seed, asOf: o.asOf, ...history });
  return rows.length;
}
