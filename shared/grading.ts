// The grading engine (定级): pure rules that turn facts into a level with its basis in words.
// Levels are 1 重大(红) … 4 低(蓝); "higher" means a smaller number. Every threshold comes from a
// versioned rule set so a past assessment can always be re-read with the rules of its day.
import { z } from 'zod';
import { addDays, addMonths, type IsoDate } from './dates.js';
import { levelName, type LevelValue } from './labels.js';

export const EVENT_KINDS = ['进京', '赴省', '到市集访', '网上舆情', '极端言行'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const OPINION_STAGES = ['苗头', '发酵'] as const;

const lvl = z.number().int().min(1).max(4);
const lvlOrNull = lvl.nullable();
const pos = (msg: string) => z.number({ message: msg }).int({ message: msg }).min(1, { message: msg });

/**
 * A rule set. Households (户/家) are converted to persons with `personsPerHousehold`
 * (default 3, the usual household size in the bureau's sheets), because 420户 is not 420人.
 */
export const ruleSetConfig = z
  .object({
    matrix: z.object({
      size: z.number().int().min(3, { message: '矩阵为 3×3 至 6×6' }).max(6, { message: '矩阵为 3×3 至 6×6' }),
      /** score ≥ red → 重大; ≥ orange → 较大; ≥ yellow → 一般; else 低. */
      red: pos('分值阈值应为正整数'),
      orange: pos('分值阈值应为正整数'),
      yellow: pos('分值阈值应为正整数'),
    }),
    people: z.object({ red: pos('人数阈值应为正整数'), orange: pos('人数阈值应为正整数'), yellow: pos('人数阈值应为正整数') }),
    personsPerHousehold: z.number({ message: '每户折算人数应为数字' }).min(1, { message: '每户折算人数至少为 1' }).max(10, { message: '每户折算人数最多为 10' }),
    amountWan: z.object({ orange: pos('金额阈值应为正整数（万元）'), red: pos('金额阈值应为正整数（万元）').nullable() }),
    /** 进京/赴省 within this many months → 重大. */
    petitionMonths: pos('月数应为正整数'),
    collective: z.object({ minCount: pos('集访人数应为正整数'), months: pos('月数应为正整数') }),
    /** Level for 网上舆情 stage (sheet field or an event within `opinionMonths`); null = no rule. */
    opinion: z.object({ 发酵: lvlOrNull, 苗头: lvlOrNull, months: pos('月数应为正整数') }),
    extremeLevel: lvl,
    escalationDaysBefore: z.number().int().min(0, { message: '提前天数不能为负' }).max(90, { message: '提前天数最多 90 天' }),
    reviewDays: z.object({ 1: pos('复核间隔应为正整数（天）'), 2: pos('复核间隔应为正整数（天）'), 3: pos('复核间隔应为正整数（天）'), 4: pos('复核间隔应为正整数（天）') }),
  })
  .refine((c) => c.matrix.red > c.matrix.orange && c.matrix.orange > c.matrix.yellow, { message: '矩阵分值阈值须满足 重大 > 较大 > 一般' })
  .refine((c) => c.matrix.red <= c.matrix.size * c.matrix.size, { message: '重大阈值不能超过矩阵最高分' })
  .refine((c) => c.people.red > c.people.orange && c.people.orange > c.people.yellow, { message: '人数阈值须满足 重大 > 较大 > 一般' });
export type RuleSetConfig = z.infer<typeof ruleSetConfig>;

/** Score bands for an N×N grid: the DOMAIN.md 5×5 bands (15/10/5 of 25) scaled to N². */
export function defaultMatrix(size: number): RuleSetConfig['matrix'] {
  if (size === 5) return { size, red: 15, orange: 10, yellow: 5 };
  const max = size * size;
  const red = Math.max(3, Math.round((15 / 25) * max));
  const orange = Math.min(red - 1, Math.max(2, Math.round((10 / 25) * max)));
  const yellow = Math.min(orange - 1, Math.max(1, Math.round((5 / 25) * max)));
  return { size, red, orange, yellow };
}

export const DEFAULT_RULES: RuleSetConfig = {
  matrix: defaultMatrix(5),
  people: { red: 500, orange: 100, yellow: 5 },
  personsPerHousehold: 3,
  amountWan: { orange: 1000, red: null },
  petitionMonths: 12,
  collective: { minCount: 5, months: 3 },
  opinion: { 发酵: 1, 苗头: null, months: 3 },
  extremeLevel: 1,
  escalationDaysBefore: 15,
  reviewDays: { 1: 7, 2: 14, 3: 30, 4: 90 },
};

export interface RiskFacts {
  involvedCount: number | null;
  involvedUnit: string;
  amountWan: number | null;
  opinionRisk: string;
  extremeRisk: boolean;
}
export interface GradingEvent {
  kind: string;
  occurredOn: IsoDate;
  count: number | null;
  stage?: string | null;
}
export interface PeriodLike {
  name: string;
  startDate: IsoDate;
  endDate: IsoDate;
  escalation: boolean;
}

/** One reason a level was reached, e.g. "涉及人数 2100人 ≥ 500 → 重大". */
export interface BasisLine {
  level: LevelValue;
  text: string;
}

const L = (v: number) => `${levelName(v)}`;

const higher = (a: LevelValue, b: LevelValue): LevelValue => (a < b ? a : b) as LevelValue;

/** The matrix's level alone (matrixLevel without the words). */
function matrixLevelOf(likelihood: number, impact: number, m: RuleSetConfig['matrix']): LevelValue {
  const score = likelihood * impact;
  return score >= m.red ? 1 : score >= m.orange ? 2 : score >= m.yellow ? 3 : 4;
}

export function matrixLevel(likelihood: number, impact: number, rules: RuleSetConfig): { level: LevelValue; basis: string } {
  const m = rules.matrix;
  const score = likelihood * impact;
  const level = matrixLevelOf(likelihood, impact, m);
  const cmp = level === 1 ? `≥ ${m.red}` : level === 2 ? `≥ ${m.orange}` : level === 3 ? `≥ ${m.yellow}` : `< ${m.yellow}`;
  return { level, basis: `可能性 ${likelihood} × 影响程度 ${impact} = ${score} ${cmp} → ${L(level)}` };
}

/** Persons for the people thresholds: 户/家 × personsPerHousehold, rounded. */
export function personsOf(count: number, unit: string, rules: RuleSetConfig): number {
  return unit === '人' ? count : Math.round(count * rules.personsPerHousehold);
}

const windowMemo = new Map<string, IsoDate>();
/** Start (exclusive) of the window "the last N months up to asOf". */
function windowStart(asOf: IsoDate, months: number): IsoDate {
  const key = asOf + '|' + months;
  let v = windowMemo.get(key);
  if (v === undefined) {
    if (windowMemo.size > 10_000) windowMemo.clear();
    v = addMonths(asOf, -months);
    windowMemo.set(key, v);
  }
  return v;
}
const inWindow = (d: IsoDate, asOf: IsoDate, months: number) => d <= asOf && d > windowStart(asOf, months);

/**
 * The rules (thresholds, events in their windows, extreme, opinion) in one place: each rule that
 * applies is handed to `hit` with its level and its words (built only when asked for, so the
 * agenda can grade 60,000 items by level alone; ruleLevel takes the words).
 */
function applyRules(facts: RiskFacts, events: GradingEvent[], asOf: IsoDate, rules: RuleSetConfig, hit: (level: LevelValue, text: () => string) => void): void {
  if (facts.involvedCount !== null && facts.involvedCount !== undefined) {
    const count = facts.involvedCount;
    const p = personsOf(count, facts.involvedUnit, rules);
    const shown = () => (facts.involvedUnit === '人' ? `${p}人` : `${count}${facts.involvedUnit} × ${rules.personsPerHousehold}人/${facts.involvedUnit} ≈ ${p}人`);
    const t = rules.people;
    if (p >= t.red) hit(1, () => `涉及人数 ${shown()} ≥ ${t.red} → 重大`);
    else if (p >= t.orange) hit(2, () => `涉及人数 ${shown()} ≥ ${t.orange} → 较大`);
    else if (p >= t.yellow) hit(3, () => `涉及人数 ${shown()} ≥ ${t.yellow} → 一般`);
  }
  if (facts.amountWan !== null && facts.amountWan !== undefined) {
    const a = rules.amountWan;
    const amount = facts.amountWan;
    if (a.red !== null && amount >= a.red) hit(1, () => `涉及金额 ${amount}万元 ≥ ${a.red}万元 → 重大`);
    else if (amount >= a.orange) hit(2, () => `涉及金额 ${amount}万元 ≥ ${a.orange}万元 → 较大`);
  }
  if (events.length) {
    const petition = events.filter((e) => (e.kind === '进京' || e.kind === '赴省') && inWindow(e.occurredOn, asOf, rules.petitionMonths));
    if (petition.length) {
      hit(1, () => {
        const e = latest(petition);
        return `近${rules.petitionMonths}个月内有${e.kind}（${e.occurredOn}${e.count ? `，${e.count}人` : ''}${petition.length > 1 ? `，共 ${petition.length} 次` : ''}） → 重大`;
      });
    }
    const visits = events.filter((e) => e.kind === '到市集访' && (e.count ?? 0) >= rules.collective.minCount && inWindow(e.occurredOn, asOf, rules.collective.months));
    if (visits.length) {
      hit(2, () => {
        const e = latest(visits);
        return `近${rules.collective.months}个月内到市集访（${e.occurredOn}，${e.count}人 ≥ ${rules.collective.minCount}） → 较大`;
      });
    }
  }
  if (facts.extremeRisk) hit(rules.extremeLevel as LevelValue, () => `有极端倾向 → ${L(rules.extremeLevel)}`);
  const extremeEv = events.length ? events.filter((e) => e.kind === '极端言行' && inWindow(e.occurredOn, asOf, rules.petitionMonths)) : events;
  if (extremeEv.length) hit(rules.extremeLevel as LevelValue, () => `近${rules.petitionMonths}个月内有极端言行（${latest(extremeEv).occurredOn}） → ${L(rules.extremeLevel)}`);
  for (const stage of OPINION_STAGES) {
    const target = rules.opinion[stage];
    if (target === null) continue;
    if (facts.opinionRisk === stage) {
      hit(target as LevelValue, () => `舆情${stage} → ${L(target)}`);
      continue;
    }
    const ev = events.length ? events.filter((e) => e.kind === '网上舆情' && e.stage === stage && inWindow(e.occurredOn, asOf, rules.opinion.months)) : events;
    if (ev.length) hit(target as LevelValue, () => `近${rules.opinion.months}个月内网上舆情${stage}（${latest(ev).occurredOn}） → ${L(target)}`);
  }
}

export function ruleLevel(facts: RiskFacts, events: GradingEvent[], asOf: IsoDate, rules: RuleSetConfig): { level: LevelValue; lines: BasisLine[] } {
  const lines: BasisLine[] = [];
  applyRules(facts, events, asOf, rules, (level, text) => lines.push({ level, text: text() }));
  if (lines.length === 0) return { level: 4, lines: [{ level: 4, text: '未触及任何定级规则 → 低' }] };
  const level = lines.reduce<LevelValue>((m, l) => higher(m, l.level), 4);
  lines.sort((a, b) => a.level - b.level);
  return { level, lines };
}

function latest(es: GradingEvent[]): GradingEvent {
  return es.reduce((a, b) => (b.occurredOn > a.occurredOn ? b : a));
}

/** The period whose escalation window (N days before start … end) contains asOf, if any. */
export function activePeriod(periods: PeriodLike[], asOf: IsoDate, daysBefore: number): PeriodLike | null {
  if (periods.length === 0) return null;
  // start − N days ≤ asOf  ⇔  start ≤ asOf + N days (one date computation instead of one per period).
  const ahead = addDays(asOf, daysBefore);
  const hits = periods.filter((p) => p.escalation && p.startDate <= ahead && asOf <= p.endDate);
  return hits.sort((a, b) => (a.startDate < b.startDate ? -1 : 1))[0] ?? null;
}

/** 进京赴省 history (any time up to asOf) or collective-visit signs within the collective window. */
export function escalationTrigger(events: GradingEvent[], asOf: IsoDate, rules: RuleSetConfig): string | null {
  const petition = events.filter((e) => (e.kind === '进京' || e.kind === '赴省') && e.occurredOn <= asOf);
  if (petition.length) return `有${latest(petition).kind}记录（${latest(petition).occurredOn}）`;
  const visits = events.filter((e) => e.kind === '到市集访' && (e.count ?? 0) >= rules.collective.minCount && inWindow(e.occurredOn, asOf, rules.collective.months));
  if (visits.length) return `有集访苗头（${latest(visits).occurredOn} 到市集访 ${latest(visits).count}人）`;
  return null;
}

export interface GradeInput {
  likelihood: number;
  impact: number;
  facts: RiskFacts;
  events: GradingEvent[];
  periods: PeriodLike[];
  asOf: IsoDate;
  rules: RuleSetConfig;
  /** The meeting's decision, if it differs from the computed level. */
  overrideLevel?: number | null;
  overrideReason?: string | null;
}

export interface Grade {
  score: number;
  matrixLevel: LevelValue;
  matrixBasis: string;
  ruleLevel: LevelValue;
  ruleBasis: string[];
  /** max(matrix, rule), then escalation. */
  computedLevel: LevelValue;
  escalation: { period: string; basis: string } | null;
  finalLevel: LevelValue;
  overrideReason: string | null;
  /** The whole basis, one line per reason, as shown and printed. */
  basis: string;
}

export class GradingError extends Error {}

/** Refuses a likelihood or impact outside the rule set's matrix. */
function checkScale(g: Pick<GradeInput, 'likelihood' | 'impact' | 'rules'>): void {
  const size = g.rules.matrix.size;
  for (const [name, v] of [['可能性', g.likelihood], ['影响程度', g.impact]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > size) throw new GradingError(`「${name}」应为 1–${size} 的整数（当前矩阵为 ${size}×${size}），收到 ${v}。`);
  }
}

/** The escalation period in force and its trigger, if a period is active and the risk shows a sign of escalation. */
function escalationOf(g: GradeInput): { period: PeriodLike; trigger: string } | null {
  const period = activePeriod(g.periods, g.asOf, g.rules.escalationDaysBefore);
  const trigger = period ? escalationTrigger(g.events, g.asOf, g.rules) : null;
  return period && trigger ? { period, trigger } : null;
}

/** Escalation raises one level (重大 stays 重大). */
const raised = (level: LevelValue): LevelValue => Math.max(1, level - 1) as LevelValue;

/**
 * grade(g).computedLevel without the basis in words (the same rules, functions and errors): for
 * deciding many items at once (the agenda's consent list at 60,000 items).
 */
export function computedLevel(g: GradeInput): LevelValue {
  checkScale(g);
  let level = matrixLevelOf(g.likelihood, g.impact, g.rules.matrix);
  applyRules(g.facts, g.events, g.asOf, g.rules, (l) => (level = higher(level, l)));
  return escalationOf(g) ? raised(level) : level;
}

export function grade(g: GradeInput): Grade {
  checkScale(g);
  const m = matrixLevel(g.likelihood, g.impact, g.rules);
  const r = ruleLevel(g.facts, g.events, g.asOf, g.rules);
  let computed = higher(m.level, r.level);
  let escalation: Grade['escalation'] = null;
  const up = escalationOf(g);
  if (up) {
    const { period, trigger } = up;
    escalation = {
      period: period.name,
      basis: `敏感节点「${period.name}」（${period.startDate} 至 ${period.endDate}，提前 ${g.rules.escalationDaysBefore} 天起）期间，${trigger} → 上调一级：${L(computed)} → ${L(raised(computed))}`,
    };
    computed = raised(computed);
  }
  let final = computed;
  let overrideReason: string | null = null;
  if (g.overrideLevel !== undefined && g.overrideLevel !== null && g.overrideLevel !== computed) {
    const reason = (g.overrideReason ?? '').trim();
    if (reason.length < 2) throw new GradingError(`研判等级（${L(g.overrideLevel)}）与计算等级（${L(computed)}）不同，须填写调级理由（至少 2 个字）。`);
    final = g.overrideLevel as LevelValue;
    overrideReason = reason;
  }
  const lines = [`矩阵定级：${m.basis}`, ...r.lines.map((l) => `规则定级：${l.text}`)];
  if (escalation) lines.push(`节点上调：${escalation.basis}`);
  lines.push(overrideReason ? `会议调级：${L(computed)} → ${L(final)}，理由：${overrideReason}` : `研判等级：${L(final)}（取矩阵与规则中较高者${escalation ? '，并按敏感节点上调' : ''}）`);
  return {
    score: g.likelihood * g.impact,
    matrixLevel: m.level,
    matrixBasis: m.basis,
    ruleLevel: r.level,
    ruleBasis: r.lines.map((l) => l.text),
    computedLevel: computed,
    escalation,
    finalLevel: final,
    overrideReason,
    basis: lines.join('\n'),
  };
}

export function nextReviewDate(assessedOn: IsoDate, level: number, rules: RuleSetConfig): IsoDate {
  return addDays(assessedOn, rules.reviewDays[level as 1 | 2 | 3 | 4]);
}

/** Week-over-week movement of one risk. Level 0 = 未定级. */
export type MoveKind = 'appeared' | 'rose' | 'fell' | 'same' | 'closed';
export function moveKind(prev: { level: number; closed: boolean } | null, cur: { level: number; closed: boolean }): MoveKind {
  if (!prev || prev.closed) return cur.closed ? 'same' : 'appeared';
  if (cur.closed) return 'closed';
  if (cur.level === prev.level) return 'same';
  if (prev.level === 0) return 'rose';
  if (cur.level === 0) return 'fell';
  return cur.level < prev.level ? 'rose' : 'fell';
}
export const MOVE_LABELS: Record<MoveKind, string> = { appeared: '新增', rose: '升级', fell: '降级', same: '未变', closed: '销号' };
