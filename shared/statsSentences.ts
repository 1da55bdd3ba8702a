// The 风险研判工作情况's paragraphs, written from the figures in the words a bureau uses in its own
// annual report ("全年召开风险研判会40次，其中周例会34次、专题会6次，研判问题楼盘、劳动社保、集资融资等
// 领域涉稳风险隐患830余件……"). Pure: the printed report and the tests read the same text.
import { LEVELS } from './labels.js';
import { MEETING_TYPES } from './meetings.js';
import type { PeriodFigures, Rate, StatsSummary } from './statsTypes.js';

/** 834 → "830余"; 40 → "40"; 99 → "99": a round figure as bureaus write it (exact below 100). */
export function roughly(n: number): string {
  if (n < 100 || n % 10 === 0) return String(n);
  return `${Math.floor(n / 10) * 10}余`;
}

/** What the period is called in a sentence: 全年 / 本季度 / 本月 / 本期. */
export function periodWord(p: PeriodFigures): { all: string; start: string; end: string } {
  switch (p.period.kind) {
    case 'year':
      return { all: '全年', start: '年初', end: p.to < p.period.to ? '截至目前' : '年末' };
    case 'quarter':
      return { all: '本季度', start: '季初', end: p.to < p.period.to ? '截至目前' : '季末' };
    case 'month':
      return { all: '本月', start: '月初', end: '月末' };
    default:
      return { all: '期间', start: '期初', end: '期末' };
  }
}

const list = (parts: string[]) => parts.filter(Boolean).join('、');

/** "提高2.5个百分点" / "下降1个百分点" / "持平", against a rate of the comparison period. */
export function rateChange(cur: Rate, before: Rate | undefined): string {
  if (cur.value === null || !before || before.value === null) return '';
  const d = Math.round((cur.value - before.value) * 10) / 10;
  return d === 0 ? '持平' : `${d > 0 ? '提高' : '下降'}${Math.abs(d)}个百分点`;
}

export function meetingsSentence(s: StatsSummary): string {
  const c = s.current;
  const w = periodWord(c);
  const types = MEETING_TYPES.filter((t) => c.meetings.byType[t]).map((t) => `${t}${c.meetings.byType[t]}次`);
  const top = Object.entries(c.risks.assessedRisks.byDomain)
    .map(([id, n]) => ({ name: s.domains.find((d) => d.id === Number(id))?.name ?? '', n }))
    // 其他 is no domain to name in a sentence.
    .filter((d) => d.name && d.name !== '其他')
    .sort((a, b) => b.n - a.n)
    .slice(0, 3)
    .map((d) => d.name);
  const domains = top.length ? `${list(top)}${Object.keys(c.risks.assessedRisks.byDomain).length > 3 ? '等' : ''}领域` : '';
  const head = `${w.all}召开风险研判会${c.meetings.total}次${types.length > 1 ? `，其中${list(types)}` : ''}`;
  if (!c.risks.assessedRisks.total) return `${head}。`;
  const consent = c.assessments.consent ? `（其中一揽子研判确认${c.assessments.consent}条）` : '';
  return `${head}，研判${domains}涉稳风险隐患${roughly(c.risks.assessedRisks.total)}件，形成研判记录${c.assessments.total}条${consent}。`;
}

export function registerSentence(s: StatsSummary): string {
  const c = s.current;
  const r = c.risks;
  const w = periodWord(c);
  const levels = LEVELS.map((l) => (r.openEnd.byLevel[l.value] ? `${l.name}${r.openEnd.byLevel[l.value]}件` : '')).filter(Boolean);
  const moves = list([
    `新增${r.entered.total}件`,
    r.raised.total ? `升级${r.raised.total}件` : '',
    r.lowered.total ? `降级${r.lowered.total}件` : '',
    `销号${r.closed.total}件`,
    r.rebounded.total ? `反弹${r.rebounded.total}件` : '',
  ]);
  return `${w.start}在册风险隐患${r.openStart.total}件，${w.all}${moves}，${w.end}在册${r.openEnd.total}件${levels.length ? `，其中${list(levels)}` : ''}。`;
}

export function ratesSentence(s: StatsSummary): string {
  const c = s.current;
  const before = c.period.kind === 'year' ? s.lastYear : s.previous;
  const than = c.period.kind === 'year' ? '较上年' : '较上期';
  const with_ = (name: string, r: Rate, b: Rate | undefined) => (r.value === null ? '' : `${name}${r.value}%${rateChange(r, b) ? `，${than}${rateChange(r, b)}` : ''}`);
  const parts = [
    `化解风险隐患${c.risks.resolved.total}件`,
    with_('化解率', c.rates.resolveRate, before?.rates.resolveRate),
    with_('在控率', c.rates.controlRate, before?.rates.controlRate),
    c.rates.packageRate.den ? `领导包案${c.rates.packageRate.den}件、化解${c.rates.packageRate.num}件，${with_('包案化解率', c.rates.packageRate, before?.rates.packageRate)}` : '',
  ].filter(Boolean);
  return `${periodWord(c).all}${parts.join('；')}。`;
}

export function actionsSentence(s: StatsSummary): string {
  const t = s.current.unitTotal;
  const w = periodWord(s.current);
  const over = Object.entries(t.overdueBy).map(([k, n]) => `${k}${n}件`);
  const parts = [
    `${w.all}交办事项${t.issued}件，办结${t.done}件`,
    t.onTimeRate !== null ? `按期办结率${t.onTimeRate}%` : '',
    t.avgDays !== null ? `平均${t.avgDays}天办结` : '',
    t.returned ? `退回重办${t.returned}件` : '',
    t.extended ? `批准延期${t.extended}件` : '',
  ].filter(Boolean);
  const overdue = t.overdue ? `；${w.end}超期未办结${t.overdue}件${over.length ? `，其中${list(over)}` : ''}` : `；${w.end}无超期未办结事项`;
  return `${parts.join('，')}${overdue}。`;
}

export function manualSentence(s: StatsSummary): string {
  if (!s.manual.length) return '';
  return `据全国信访信息系统统计（手工录入），${list(s.manual.map((m) => `${m.measure}${m.value}%`))}。`;
}
