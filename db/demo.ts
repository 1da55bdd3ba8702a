// Loads the fictional 江城市 demo register into an empty database.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { insertRisksBulk } from './bulk.js';
import { loadDemoHistory } from './demoHistory.js';
import { writeAudit } from './audit.js';
import { getLists, getSetting } from './settings.js';
import { AppError } from '../shared/errors.js';
import { generateDemoRisks } from '../shared/demo.js';
import { DEFAULT_CITY_PREFIX } from '../shared/labels.js';

export interface DemoLoadOptions {
  risks: number;
  seed: number;
  asOf: string;
}

export function loadDemo(db: Db, ctx: WriteContext, o: DemoLoadOptions): number {
  const existing = (db.prepare('SELECT COUNT(*) AS n FROM risks').get() as { n: number }).n;
  if (existing > 0) throw new AppError('CONFLICT', `台账中已有 ${existing} 条事项。示例数据只能载入空台账，以免与真实数据混在一起。`);
  const lists = getLists(db);
  const rows = generateDemoRisks({
    count: o.risks,
    seed: o.seed,
    asOf: o.asOf,
    prefix: getSetting(db, 'cityPrefix') ?? DEFAULT_CITY_PREFIX,
    domains: lists.domains.filter((d) => d.active),
    regions: lists.regions.filter((g) => g.active),
  });
  insertRisksBulk(db, ctx, rows);
  const history = loadDemoHistory(db, ctx, { seed: o.seed, asOf: o.asOf });
  writeAudit(db, ctx, 'demo.load', 'register', null, null, { risks: o.risks, seed: o.seed, asOf: o.asOf, ...history });
  return rows.length;
}
