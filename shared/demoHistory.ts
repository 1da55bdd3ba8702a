// A year of realistic, deterministic assessment history for a demo risk: events, a 登记定级 on the
// day it was found, then re-assessments at the Monday meetings when the review falls due (not every
// item makes every agenda), likelihood and impact drifting, a few overrides, closures.
// Pure and seeded per risk (seed, index), so tests recompute the same history in JavaScript.
import { addDays, isoWeekday, type IsoDate } from './dates.js';
import { mulberry32 } from './demo.js';
import type { RiskFields } from './risks.js';
import { grade, nextReviewDate, type Grade, type GradingEvent, type PeriodLike, type RuleSetConfig } from './grading.js';
import { isClosedStatus } from './risks.js';
import { levelName } from './labels.js';

export interface DemoEvent extends GradingEvent {
  stage: string | null;
  source: string;
  note: string;
}

export interface DemoAssessment {
  kind: '研判' | '登记定级';
  assessedOn: IsoDate;
  likelihood: number;
  impact: number;
  grade: Grade;
  trend: string;
  analysis: string;
  reportUp: boolean;
  nextReview: IsoDate;
}

export interface DemoHistory {
  events: DemoEvent[];
  assessments: DemoAssessment[];
  /** The day a closed risk (已销号/转司法终结) was closed; null while open. */
  closedOn: IsoDate | null;
}

export interface DemoHistoryOptions {
  seed: number;
  asOf: IsoDate;
  rules: RuleSetConfig;
  periods: PeriodLike[];
  /** Share of due risks that make a Monday agenda (default 0.5). */
  agendaShare?: number;
}

const ANALYSES = ['诉求集中，情绪较稳定，需持续跟进', '群体串联迹象增加，需提级关注', '化解方案已落地，风险明显下降', '近期无新增信访，保持稳控', '舆情有所发酵，需加强引导', '责任单位反馈进展缓慢，建议督办'];

function rngFor(seed: number, index: number) {
  const next = mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export function demoHistory(risk: RiskFields, index: number, o: DemoHistoryOptions): DemoHistory {
  const r = rngFor(o.seed, index);
  const start = risk.firstFound && risk.firstFound <= o.asOf ? risk.firstFound : o.asOf;
  const span = Math.max(0, Math.round((Date.parse(o.asOf) - Date.parse(start)) / 86_400_000));
  const dayIn = () => addDays(start, r.int(0, span));
  const events: DemoEvent[] = [];
  if (r.chance(0.1)) events.push({ kind: r.chance(0.6) ? '赴省' : '进京', occurredOn: dayIn(), count: r.int(1, 30), stage: null, source: '上级通报', note: '' });
  if (r.chance(0.2)) for (let k = r.int(1, 3); k > 0; k--) events.push({ kind: '到市集访', occurredOn: dayIn(), count: r.int(3, 120), stage: null, source: '市信访局接待', note: '' });
  if (risk.opinionRisk && risk.opinionRisk !== '无') events.push({ kind: '网上舆情', occurredOn: addDays(o.asOf, -r.int(0, Math.min(60, span))), count: null, stage: risk.opinionRisk, source: '舆情监测', note: '' });
  if (risk.extremeRisk) events.push({ kind: '极端言行', occurredOn: dayIn(), count: 1, stage: null, source: '属地报告', note: '' });
  events.sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : 1));

  const closedOn = risk.status && isClosedStatus(risk.status) ? addDays(o.asOf, -r.int(0, Math.max(0, Math.min(330, span - 28)))) : null;
  const facts = { involvedCount: risk.involvedCount ?? null, involvedUnit: risk.involvedUnit ?? '人', amountWan: risk.amountWan ?? null, opinionRisk: '无', extremeRisk: false };
  const size = o.rules.matrix.size;
  let li = clamp(risk.likelihood ?? 3, 1, size);
  let im = clamp(risk.impact ?? 3, 1, size);
  const gradeAt = (on: IsoDate, override?: { level: number; reason: string }) =>
    grade({
      likelihood: li,
      impact: im,
      // Sheet flags (舆情, 极端倾向) are read through their dated events, so history before them stays clean.
      facts,
      events: events.filter((e) => e.occurredOn <= on),
      periods: o.periods,
      asOf: on,
      rules: o.rules,
      overrideLevel: override?.level ?? null,
      overrideReason: override?.reason ?? null,
    });
  const first = gradeAt(start);
  const assessments: DemoAssessment[] = [
    { kind: '登记定级', assessedOn: start, likelihood: li, impact: im, grade: first, trend: '平稳', analysis: '登记时定级', reportUp: false, nextReview: nextReviewDate(start, first.finalLevel, o.rules) },
  ];
  const share = o.agendaShare ?? 0.5;
  const end = closedOn ?? o.asOf;
  const historyFrom = addDays(o.asOf, -371);
  // First Monday after the start.
  let monday = addDays(start, 8 - isoWeekday(start));
  for (; monday <= end; monday = addDays(monday, 7)) {
    const last = assessments[assessments.length - 1];
    if (monday < historyFrom || monday < addDays(last.nextReview, -3) || !r.chance(share)) continue;
    const closing = closedOn !== null && monday > addDays(closedOn, -60);
    if (r.chance(closing ? 0.6 : 0.3)) li = clamp(li + (closing ? -1 : r.chance(0.5) ? 1 : -1), 1, size);
    if (r.chance(closing ? 0.5 : 0.3)) im = clamp(im + (closing ? -1 : r.chance(0.5) ? 1 : -1), 1, size);
    let g = gradeAt(monday);
    if (r.chance(0.03) && g.finalLevel < 4) g = gradeAt(monday, { level: g.finalLevel + 1, reason: '会议研判认为已落实稳控措施，风险可控，下调一级' });
    const prev = last.grade.finalLevel;
    assessments.push({
      kind: '研判',
      assessedOn: monday,
      likelihood: li,
      impact: im,
      grade: g,
      trend: g.finalLevel < prev ? '升温' : g.finalLevel > prev ? '降温' : '平稳',
      analysis: `${r.pick(ANALYSES)}（${levelName(g.finalLevel)}）`,
      reportUp: g.finalLevel === 1 && r.chance(0.3),
      nextReview: nextReviewDate(monday, g.finalLevel, o.rules),
    });
  }
  return { events, assessments, closedOn };
}
