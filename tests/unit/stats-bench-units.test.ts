// The 统计 bench judges the unit table against a raw SQL twin (electron/bench/statsUnits.ts) that works
// the whole definition out in SQL, working calendar included. Here both run on the constructed register
// of stats-measures.test.ts (whose unit figures are worked out by hand there): they must agree on every
// figure of every unit, for periods that cut through the assignments' due days, and with overdue days
// counted in calendar or in working days (the raw query's second branch, checked by hand below).
import { describe, expect, it } from 'vitest';
import { tempDatabase, testContext } from './helpers.js';
import { build } from './statsFixture.js';
import { unitTable } from '../../db/statsActions.js';
import { updateSupervision } from '../../db/calendar.js';
import { DEFAULT_SUPERVISION } from '../../shared/actions.js';
import { rawUnits, unitFigures } from '../../electron/bench/statsUnits.js';

const SPANS = [
  { from: '2026-04-01', to: '2026-06-30' },
  { from: '2026-04-01', to: '2026-04-30' },
  { from: '2026-05-01', to: '2026-05-31' },
  { from: '2026-06-01', to: '2026-06-21' }, // ends in 端午: X5's due day has not come yet
  { from: '2026-06-22', to: '2026-11-25' },
  { from: '2026-01-01', to: '2026-11-25' },
  { from: '2026-05-01', to: '2026-06-22' },
  { from: '2026-05-01', to: '2026-06-23' },
];

describe('the bench raw unit table', () => {
  it('agrees with the api on every unit and figure, calendar or working days', () => {
    const { db } = tempDatabase();
    build(db);
    const raw = rawUnits(db);
    const api = (span: (typeof SPANS)[number]) => unitFigures(unitTable(db, span).units);
    for (const span of SPANS) expect([span, raw(span)]).toEqual([span, api(span)]);
    const id = unitTable(db, SPANS[0]).units.find((u) => u.unit === '人社局')!.unitId;
    const rsj = (span: (typeof SPANS)[number]) => raw(span)[id];
    // 人社局 in the second quarter (X3, X5, X6; see stats-measures.test.ts): X3 due Friday 29 May, open on
    // 30 June: 32 calendar days late → 通报.
    expect(rsj(SPANS[0])).toEqual([4, 2, 3, 2, 1, 1, 1, { 通报: 1 }, 66.7, 14.5]);
    updateSupervision(db, testContext(), { ...DEFAULT_SUPERVISION, countIn: 'working' });
    for (const span of SPANS) expect([span, raw(span)]).toEqual([span, api(span)]);
    // Counted in working days: June's 22 weekdays less 端午 on Friday 19 June = 21 → 挂牌督办 (16–30).
    expect(rsj(SPANS[0])[7]).toEqual({ 挂牌督办: 1 });
    // At the ladder's step: 1–5, 8–12, 15–18 and 22 June are 15 working days (督办单, 8–15), 23 June the 16th.
    expect(rsj(SPANS[6])[7]).toEqual({ 督办单: 1 });
    expect(rsj(SPANS[7])[7]).toEqual({ 挂牌督办: 1 });
  });
});
