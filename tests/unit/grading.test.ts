// The grading engine: every threshold edge and the sensitive-period window, table-driven;
// properties with fast-check. Expectations are written out from DOMAIN.md, not from the code.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computedLevel, DEFAULT_RULES, defaultMatrix, grade, GradingError, matrixLevel, moveKind, ruleLevel, ruleSetConfig, type GradingEvent, type RiskFacts, type PeriodLike } from '../../shared/grading.js';

const facts = (f: Partial<RiskFacts> = {}): RiskFacts => ({ involvedCount: null, involvedUnit: '人', amountWan: null, opinionRisk: '无', extremeRisk: false, ...f });
const asOf = '2026-11-25';
const R = DEFAULT_RULES;

describe('matrix level (5×5 bands ≥15 红, 10–14 橙, 5–9 黄, 1–4 蓝)', () => {
  it.each([
    [1, 1, 4], [2, 2, 4], [1, 4, 4], [1, 5, 3], [2, 3, 3], [3, 3, 3], [2, 5, 2], [3, 4, 2], [4, 3, 2], [3, 5, 1], [4, 4, 1], [5, 5, 1],
  ])('%i × %i → level %i', (l, i, want) => {
    expect(matrixLevel(l, i, R).level).toBe(want);
  });
  it('says the score and the band in words', () => {
    expect(matrixLevel(3, 5, R).basis).toBe('可能性 3 × 影响程度 5 = 15 ≥ 15 → 重大');
  });
  it.each([3, 4, 6])('an N×N grid (N = %i) has valid descending bands', (n) => {
    const m = defaultMatrix(n);
    expect(() => ruleSetConfig.parse({ ...R, matrix: m })).not.toThrow();
    expect(matrixLevel(n, n, { ...R, matrix: m }).level).toBe(1);
    expect(matrixLevel(1, 1, { ...R, matrix: m }).level).toBe(4);
  });
});

describe('rule level thresholds', () => {
  it.each<[string, Partial<RiskFacts>, number]>([
    ['4人', { involvedCount: 4 }, 4],
    ['5人', { involvedCount: 5 }, 3],
    ['99人', { involvedCount: 99 }, 3],
    ['100人', { involvedCount: 100 }, 2],
    ['499人', { involvedCount: 499 }, 2],
    ['500人', { involvedCount: 500 }, 1],
    ['166户 ≈ 498人', { involvedCount: 166, involvedUnit: '户' }, 2],
    ['167户 ≈ 501人', { involvedCount: 167, involvedUnit: '户' }, 1],
    ['34家 ≈ 102人', { involvedCount: 34, involvedUnit: '家' }, 2],
    ['999万元', { amountWan: 999 }, 4],
    ['1000万元', { amountWan: 1000 }, 2],
    ['舆情苗头', { opinionRisk: '苗头' }, 4],
    ['舆情发酵', { opinionRisk: '发酵' }, 1],
    ['极端倾向', { extremeRisk: true }, 1],
  ])('%s', (_name, f, want) => {
    expect(ruleLevel(facts(f), [], asOf, R).level).toBe(want);
  });

  const ev = (kind: string, occurredOn: string, count: number | null = null, stage: string | null = null): GradingEvent => ({ kind, occurredOn, count, stage });
  it.each<[string, GradingEvent, number]>([
    ['进京 12 months ago to the day is outside', ev('进京', '2025-11-25', 3), 4],
    ['进京 one day inside 12 months', ev('进京', '2025-11-26', 3), 1],
    ['赴省 today', ev('赴省', asOf, 2), 1],
    ['进京 in the future is ignored', ev('进京', '2026-11-26', 2), 4],
    ['到市集访 4 people is not collective', ev('到市集访', '2026-11-01', 4), 4],
    ['到市集访 5 people inside 3 months', ev('到市集访', '2026-08-26', 5), 2],
    ['到市集访 5 people exactly 3 months ago is outside', ev('到市集访', '2026-08-25', 5), 4],
    ['网上舆情 发酵 inside 3 months', ev('网上舆情', '2026-10-01', null, '发酵'), 1],
    ['极端言行 inside 12 months', ev('极端言行', '2026-01-01', 1), 1],
  ])('%s', (_name, e, want) => {
    expect(ruleLevel(facts(), [e], asOf, R).level).toBe(want);
  });

  it('basis names the number, the unit conversion and the threshold', () => {
    expect(ruleLevel(facts({ involvedCount: 2100 }), [], asOf, R).lines[0].text).toBe('涉及人数 2100人 ≥ 500 → 重大');
    expect(ruleLevel(facts({ involvedCount: 420, involvedUnit: '户' }), [], asOf, R).lines[0].text).toBe('涉及人数 420户 × 3人/户 ≈ 1260人 ≥ 500 → 重大');
  });
  it('the persons-per-household factor is configurable', () => {
    expect(ruleLevel(facts({ involvedCount: 420, involvedUnit: '户' }), [], asOf, { ...R, personsPerHousehold: 1 }).level).toBe(2);
  });
});

describe('sensitive-period escalation (15 days before start … end)', () => {
  const period: PeriodLike = { name: '全国两会', startDate: '2027-03-04', endDate: '2027-03-12', escalation: true };
  const petition: GradingEvent = { kind: '赴省', occurredOn: '2025-01-10', count: 3 }; // history, outside the 12-month rule window
  const g = (on: string, events: GradingEvent[] = [petition], periods = [period]) =>
    grade({ likelihood: 2, impact: 3, facts: facts(), events, periods, asOf: on, rules: R });
  it.each([
    ['2027-02-16', 3, false], // 16 days before
    ['2027-02-17', 2, true], // 15 days before
    ['2027-03-04', 2, true],
    ['2027-03-12', 2, true], // last day
    ['2027-03-13', 3, false],
  ])('on %s the level is %i', (on, want, escalated) => {
    const r = g(on);
    expect(r.finalLevel).toBe(want);
    expect(computedLevel({ likelihood: 2, impact: 3, facts: facts(), events: [petition], periods: [period], asOf: on, rules: R })).toBe(want);
    expect(r.escalation !== null).toBe(escalated);
    if (escalated) expect(r.basis).toContain('敏感节点「全国两会」');
  });
  it('needs a trigger: no petition history and no collective visit → no escalation', () => {
    expect(g('2027-03-05', []).escalation).toBeNull();
  });
  it('a collective visit in the last 3 months is a trigger (较大 by rule, then up to 重大)', () => {
    const r = g('2027-03-05', [{ kind: '到市集访', occurredOn: '2027-02-01', count: 8 }]);
    expect(r.ruleLevel).toBe(2);
    expect(r.finalLevel).toBe(1);
  });
  it('a period with escalation switched off does nothing', () => {
    expect(g('2027-03-05', [petition], [{ ...period, escalation: false }]).escalation).toBeNull();
  });
  it('重大 stays 重大', () => {
    expect(grade({ likelihood: 5, impact: 5, facts: facts(), events: [petition], periods: [period], asOf: '2027-03-05', rules: R }).finalLevel).toBe(1);
  });
});

describe('override and input checks', () => {
  it('an override needs a reason', () => {
    expect(() => grade({ likelihood: 5, impact: 5, facts: facts(), events: [], periods: [], asOf, rules: R, overrideLevel: 3 })).toThrow(/调级理由/);
    const r = grade({ likelihood: 5, impact: 5, facts: facts(), events: [], periods: [], asOf, rules: R, overrideLevel: 3, overrideReason: '已签订化解协议' });
    expect(r.finalLevel).toBe(3);
    expect(r.basis).toContain('理由：已签订化解协议');
  });
  it.each([0, 6, 2.5])('likelihood %s is refused on a 5×5 grid', (l) => {
    expect(() => grade({ likelihood: l, impact: 3, facts: facts(), events: [], periods: [], asOf, rules: R })).toThrow(/1–5/);
  });
});

const factsArb = fc.record({
  involvedCount: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
  involvedUnit: fc.constantFrom('人', '户', '家'),
  amountWan: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
  opinionRisk: fc.constantFrom('无', '苗头', '发酵'),
  extremeRisk: fc.boolean(),
});
const dateArb = fc.integer({ min: 0, max: 900 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const eventArb = fc.record({ kind: fc.constantFrom('进京', '赴省', '到市集访', '网上舆情', '极端言行'), occurredOn: dateArb, count: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }), stage: fc.constantFrom(null, '苗头', '发酵') });
const periodArb = fc.tuple(dateArb, fc.integer({ min: 0, max: 20 }), fc.boolean()).map(([s, len, esc]) => ({ name: '节点', startDate: s, endDate: new Date(Date.parse(s) + len * 86_400_000).toISOString().slice(0, 10), escalation: esc }));

describe('properties', () => {
  const input = fc.record({ l: fc.integer({ min: 1, max: 5 }), i: fc.integer({ min: 1, max: 5 }), f: factsArb, events: fc.array(eventArb, { maxLength: 5 }), periods: fc.array(periodArb, { maxLength: 3 }), asOf: dateArb });
  it('without an override the final level is never below the matrix level nor the rule level', () => {
    fc.assert(
      fc.property(input, ({ l, i, f, events, periods, asOf: on }) => {
        const g = grade({ likelihood: l, impact: i, facts: f, events, periods, asOf: on, rules: R });
        expect(g.finalLevel).toBeLessThanOrEqual(g.matrixLevel);
        expect(g.finalLevel).toBeLessThanOrEqual(g.ruleLevel);
        expect(g.matrixLevel - g.finalLevel + (g.ruleLevel - g.finalLevel)).toBeGreaterThanOrEqual(0);
        expect(g.finalLevel).toBe(g.escalation ? Math.max(1, Math.min(g.matrixLevel, g.ruleLevel) - 1) : Math.min(g.matrixLevel, g.ruleLevel));
      }),
    );
  });
  it('every level carries its basis in words, and an override always its reason', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 4 }), ({ l, i, f, events, periods, asOf: on }, ov) => {
        const g = grade({ likelihood: l, impact: i, facts: f, events, periods, asOf: on, rules: R, overrideLevel: ov, overrideReason: '会议决定' });
        expect(g.basis).toMatch(/矩阵定级：可能性 \d × 影响程度 \d = \d+/);
        expect(g.ruleBasis.length).toBeGreaterThan(0);
        expect(g.finalLevel).toBe(ov);
        if (ov !== g.computedLevel) expect(g.overrideReason).toBe('会议决定');
      }),
    );
  });
  it('more people never lowers the rule level', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 0, max: 3000 }), (f, extra) => {
        const a = ruleLevel({ ...f, involvedCount: f.involvedCount ?? 0 }, [], asOf, R).level;
        const b = ruleLevel({ ...f, involvedCount: (f.involvedCount ?? 0) + extra }, [], asOf, R).level;
        expect(b).toBeLessThanOrEqual(a);
      }),
    );
  });
  // computedLevel is grade's level without the words (the agenda grades 60,000 items with it): the
  // same level, or the same refusal, for any input — a rule set with every rule switched on included.
  it('computedLevel gives what grade gives as computedLevel, and refuses what grade refuses', () => {
    const every = { ...R, amountWan: { orange: 1000, red: 3000 }, opinion: { 发酵: 1, 苗头: 3, months: 3 }, extremeLevel: 2 };
    const wide = fc.record({ l: fc.integer({ min: 0, max: 6 }), i: fc.integer({ min: 0, max: 6 }), f: factsArb, events: fc.array(eventArb, { maxLength: 5 }), periods: fc.array(periodArb, { maxLength: 3 }), asOf: dateArb });
    const outcome = (f: () => number) => {
      try {
        return f();
      } catch (e) {
        expect(e).toBeInstanceOf(GradingError);
        return (e as Error).message;
      }
    };
    fc.assert(
      fc.property(wide, fc.constantFrom(R, every), ({ l, i, f, events, periods, asOf: on }, rules) => {
        const g = { likelihood: l, impact: i, facts: f, events, periods, asOf: on, rules };
        expect(outcome(() => computedLevel(g))).toBe(outcome(() => grade(g).computedLevel));
      }),
      { numRuns: 2000 },
    );
  });
  it('movement: a risk that neither appears nor closes rose iff its level number fell', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), (a, b) => {
        const k = moveKind({ level: a, closed: false }, { level: b, closed: false });
        expect(k).toBe(b < a ? 'rose' : b > a ? 'fell' : 'same');
      }),
    );
  });
});

describe('near sensitive periods', () => {
  it('running, or starting within the lead time; not after the end', async () => {
    const { nearPeriods } = await import('../../shared/periods.js');
    const ps = [{ id: 1, name: '全国两会', startDate: '2027-03-04', endDate: '2027-03-12', escalation: true, note: '', version: 1 }];
    expect(nearPeriods(ps, '2027-02-16', 15)).toEqual([]);
    expect(nearPeriods(ps, '2027-02-17', 15).map((p) => [p.state, p.daysToStart])).toEqual([['临近', 15]]);
    expect(nearPeriods(ps, '2027-03-12', 15).map((p) => p.state)).toEqual(['进行中']);
    expect(nearPeriods(ps, '2027-03-13', 15)).toEqual([]);
  });
});
