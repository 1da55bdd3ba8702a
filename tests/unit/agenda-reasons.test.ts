// Agenda reasons from the grading record: 等级上升, 到期研判, 敏感节点临近 — the pure rules
// table-driven, then the providers through the dispatcher on a real database.
import { describe, expect, it } from 'vitest';
import { dueForReviewReason, levelRaisedReason, sensitivePeriodReason } from '../../shared/agendaReasons.js';
import type { PeriodLike } from '../../shared/grading.js';
import type { Assessment } from '../../shared/assessments.js';
import type { MeetingRow } from '../../shared/meetings.js';
import type { ProposedItem } from '../../shared/agenda.js';
import type { RiskRow } from '../../shared/risks.js';
import { ok, tempCore } from './helpers.js';
import { DUE_FOR_REVIEW_QUERIES } from '../../db/agendaReasons.js';

describe('等级上升 rule', () => {
  const table: Array<[string, number | null, number | null, boolean]> = [
    ['一般 → 重大 is raised', 3, 1, true],
    ['较大 → 较大 is not', 2, 2, false],
    ['较大 → 低 (lowered) is not', 2, 4, false],
    ['no level before (new) is not', null, 1, false],
    ['no level now is not', 2, null, false],
  ];
  for (const [name, before, now, raised] of table) {
    it(name, () => {
      const r = levelRaisedReason(before, now, '2026-11-16');
      expect(r !== null).toBe(raised);
      if (r) expect(r).toMatchObject({ kind: 'levelRaised' });
    });
  }
});

describe('到期研判 rule', () => {
  const table: Array<[string, string | null, boolean]> = [
    ['due before the meeting', '2026-11-20', true],
    ['due on the meeting day', '2026-11-30', true],
    ['due the day after', '2026-12-01', false],
    ['no next review', null, false],
  ];
  for (const [name, next, due] of table) it(name, () => expect(dueForReviewReason(next, '2026-11-30')?.kind ?? null).toBe(due ? 'dueForReview' : null));
  it('says how late', () => expect(dueForReviewReason('2026-11-20', '2026-11-30')?.detail).toContain('10天'));
});

describe('敏感节点临近 rule', () => {
  const p = (name: string, startDate: string, endDate: string, escalation = true): PeriodLike => ({ name, startDate, endDate, escalation });
  const periods = [p('元旦', '2027-01-01', '2027-01-03'), p('汛期', '2026-12-01', '2026-12-31', false)];
  const table: Array<[string, string, number, string | null, string | null]> = [
    ['starts within the window, with 进京 signs', '2026-12-21', 15, '有进京记录（2026-10-01）', '元旦'],
    ['starts exactly N days later', '2026-12-17', 15, '有进京记录（2026-10-01）', '元旦'],
    ['starts N+1 days later', '2026-12-16', 15, '有进京记录（2026-10-01）', null],
    ['under way', '2027-01-02', 15, '有集访苗头', '元旦'],
    ['no signs, no reason', '2026-12-21', 15, null, null],
    ['a period without escalation does not count', '2026-12-05', 3, '有进京记录（2026-10-01）', null],
    ['after the period ended', '2027-01-04', 15, '有进京记录（2026-10-01）', null],
  ];
  for (const [name, date, days, trigger, period] of table) {
    it(name, () => {
      const r = sensitivePeriodReason(periods, date, days, trigger);
      expect(r ? r.detail.match(/「(.+?)」/)![1] : null).toBe(period);
      if (r) expect(r.detail).toContain(trigger!);
    });
  }
});

describe('agenda providers on a real database', () => {
  it('propose 等级上升, 到期研判 and 敏感节点临近 with the rows in the database', async () => {
    const { dispatch, db } = tempCore(); // today is 2026-11-25
    const mk = (title: string) => ok<RiskRow>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title, involvedCount: 8, firstFound: '2026-10-01' });
    const raised = await mk('甲 等级上升');
    const petition = await mk('乙 进京');
    const quiet = await mk('丙 平稳');
    // 甲: 低 at the last meeting (11-16), 重大 since.
    const m0 = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-11-16' });
    const before = await ok<Assessment>(dispatch, 'assessments.record', { riskId: raised.id, likelihood: 1, impact: 1, assessedOn: '2026-11-10' });
    const after = await ok<Assessment>(dispatch, 'assessments.record', { riskId: raised.id, likelihood: 5, impact: 5, assessedOn: '2026-11-20' });
    expect(after.finalLevel).toBeLessThan(before.finalLevel);
    await ok(dispatch, 'events.create', { riskId: petition.id, kind: '进京', occurredOn: '2026-11-01', count: 2, source: '国家信访局通报' });
    await ok(dispatch, 'periods.create', { name: '测试节点', startDate: '2026-12-05', endDate: '2026-12-07', escalation: true });
    const m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-11-30' });
    expect(m0.date < m.date).toBe(true);
    // Every open risk whose stored next review is on or before the meeting date is due (computed here from the rows).
    const due = new Set((db.prepare("SELECT id FROM risks WHERE next_review <= '2026-11-30'").pluck().all() as number[]));
    const proposed = await ok<Array<ProposedItem & { inAgenda: boolean }>>(dispatch, 'agenda.propose', { meetingId: m.id, asOf: '2026-11-25' });
    const kindsOf = (id: number) => proposed.find((p) => p.riskId === id)?.reasons.map((r) => r.kind) ?? [];
    expect(kindsOf(raised.id)).toContain('levelRaised');
    expect(kindsOf(petition.id)).toContain('sensitivePeriod');
    expect(kindsOf(quiet.id)).not.toContain('sensitivePeriod');
    expect(kindsOf(quiet.id)).not.toContain('levelRaised');
    for (const r of [raised, petition, quiet]) expect(kindsOf(r.id).includes('dueForReview')).toBe(due.has(r.id));
    // Make 丙 due: its next review moved before the meeting through a new assessment.
    await ok(dispatch, 'assessments.record', { riskId: quiet.id, likelihood: 2, impact: 2, nextReview: '2026-11-27' });
    const again = await ok<Array<ProposedItem>>(dispatch, 'agenda.propose', { meetingId: m.id, asOf: '2026-11-25' });
    expect(again.find((p) => p.riskId === quiet.id)?.reasons.map((r) => r.kind)).toContain('dueForReview');
  });
});

describe('assessments and meetings', () => {
  it('a signed meeting refuses new assessments with a Chinese message; minutes carry the decided level', async () => {
    const { dispatch, db } = tempCore();
    const risk = await ok<RiskRow>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '锦绣华庭逾期交房', involvedCount: 80 });
    const other = await ok<RiskRow>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '某企业欠薪', involvedCount: 20 });
    let m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-11-23' });
    m = await ok<MeetingRow>(dispatch, 'agenda.add', { meetingId: m.id, version: m.version, riskIds: [risk.id, other.id] });
    for (const event of ['start']) m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event });
    const a = await ok<Assessment>(dispatch, 'assessments.record', { riskId: risk.id, meetingId: m.id, likelihood: 3, impact: 3, finalLevel: 1, overrideReason: '业主拟赴省集访', analysis: '情绪激动。' });
    expect(a.meetingId).toBe(m.id);
    const twice = await dispatch('assessments.record', { riskId: risk.id, meetingId: m.id, likelihood: 3, impact: 3 });
    expect(twice.ok).toBe(false);
    for (const event of ['end', 'draft']) m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event });
    m = (await ok<{ meeting: MeetingRow }>(dispatch, 'meetings.get', { id: m.id })).meeting;
    expect(m.minutesText).toContain(`${risk.code} ${risk.title}。研判等级：重大（调级理由：业主拟赴省集访）。情绪激动。`);
    m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event: 'sign' });
    const n = (db.prepare('SELECT COUNT(*) AS n FROM assessments').get() as { n: number }).n;
    const refused = await dispatch('assessments.record', { riskId: other.id, meetingId: m.id, likelihood: 2, impact: 2 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/已签发/);
    expect((db.prepare('SELECT COUNT(*) AS n FROM assessments').get() as { n: number }).n).toBe(n);
  });
});

describe('我的周一: reviews due and sensitive periods ahead', () => {
  it('lists the open risks due by the end of the week and the escalation periods within the lead time', async () => {
    const { dispatch } = tempCore(); // 2026-11-25, week 11-23 … 11-29
    const risks: RiskRow[] = [];
    for (const [title, level] of [['甲', 1], ['乙', 3], ['丙', 4]] as const) risks.push(await ok<RiskRow>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title, level }));
    await ok(dispatch, 'assessments.record', { riskId: risks[2].id, likelihood: 1, impact: 1, nextReview: '2026-11-29' });
    await ok(dispatch, 'periods.create', { name: '测试节点', startDate: '2026-12-05', endDate: '2026-12-07', escalation: true });
    await ok(dispatch, 'periods.create', { name: '远期节点', startDate: '2027-03-01', endDate: '2027-03-02', escalation: true });
    const fresh = await Promise.all(risks.map((r) => ok<RiskRow>(dispatch, 'risks.get', { id: r.id })));
    const want = fresh.filter((r) => r.nextReview !== null && r.nextReview <= '2026-11-29').map((r) => r.id).sort();
    const d = await ok<{ dueForReview: Array<{ riskId: number }>; dueForReviewCount: number; sensitiveAhead: Array<{ name: string; daysToStart: number }> }>(dispatch, 'dashboard.monday', { asOf: '2026-11-25' });
    expect(d.dueForReview.map((r) => r.riskId).sort()).toEqual(want);
    expect(d.dueForReviewCount).toBe(want.length);
    expect(want).toContain(risks[2].id);
    expect(d.sensitiveAhead.map((p) => [p.name, p.daysToStart])).toEqual([['测试节点', 10]]);
  });

  it('finds them through the index of open risks by next review, without reading the register rows', () => {
    const { db } = tempCore();
    for (const [name, sql] of Object.entries(DUE_FOR_REVIEW_QUERIES)) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(name === 'rows' ? ['2026-11-29', 20] : ['2026-11-29'])) as Array<{ detail: string }>).map((p) => p.detail);
      expect(plan.some((d) => /USING (COVERING )?INDEX risks_open_by_review\b/.test(d)), `${name}: ${plan.join(' | ')}`).toBe(true); // the count reads the index alone since 0016
      expect(plan.filter((d) => /^SCAN risks\b/.test(d)), name).toEqual([]);
    }
  });
});
