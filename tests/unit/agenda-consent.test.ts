// Issue 12 on a constructed register, through the real dispatcher: the ranking order (and that
// the weights in the settings move it), the consent-list rule on both sides of each condition, and
// the confirmation — one "维持原等级" assessment per item, no override, linked to the meeting.
// Expected values are worked out by hand from the definitions in shared/agendaRank.ts.
import { describe, expect, it } from 'vitest';
import { compareRanked, consentBlocker, rankScore, type RankFacts } from '../../shared/agendaRank.js';
import { DEFAULT_AGENDA_SETTINGS, type AgendaSettings } from '../../shared/settings.js';
import type { MeetingDetail, MeetingRow } from '../../shared/meetings.js';
import type { RiskRow } from '../../shared/risks.js';
import type { ProposalPage, ProposalSummary } from '../../shared/agendaProposal.js';
import type { Dispatch } from '../../electron/api/dispatcher.js';
import { ok, tempCore } from './helpers.js';

const MEETING = '2026-11-30'; // the test clock's today is 2026-11-25

describe('rank score (pure)', () => {
  const w = DEFAULT_AGENDA_SETTINGS.weights; // level 10, reasons 4, overdue 0.5/day (≤ 60 days), sensitive 20
  const f = (code: string, level: number | null, reasons: RankFacts['reasons'], overdueDays: number, sensitiveDaysToStart: number | null = null): RankFacts => ({ code, level, reasons, overdueDays, sensitiveDaysToStart });
  const items = [
    f('E', null, ['rebound'], 0), // 0 + 4 = 4
    f('C', 1, ['new'], 0), // 40 + 4 = 44
    f('G', 4, ['dueForReview'], 200), // 10 + 4 + 0.5 × 60 = 44 (capped); level breaks the tie with C
    f('A2', 1, ['dueForReview'], 10), // 40 + 4 + 5 = 49
    f('D', 3, ['sensitivePeriod', 'dueForReview'], 0, 0), // 20 + 8 + 20 × 16/16 = 48
    f('B', 2, ['actionOverdue', 'dueForReview'], 30), // 30 + 8 + 15 = 53
    f('A1', 1, ['dueForReview'], 10), // 49, same as A2: the code decides
  ];
  it('scores by the stated definition', () => {
    expect(items.map((x) => rankScore(x, w, 15))).toEqual([4, 44, 44, 49, 48, 53, 49]);
    expect(rankScore(f('far', 3, ['sensitivePeriod'], 0, 15), w, 15)).toBe(20 + 4 + 20 / 16); // the window's far end
  });
  it('orders by score, then level, then code', () => {
    const ranked = items.map((x) => ({ ...x, score: rankScore(x, w, 15) })).sort(compareRanked);
    expect(ranked.map((x) => x.code)).toEqual(['B', 'A1', 'A2', 'D', 'C', 'G', 'E']);
  });
});

describe('consent rule (pure), both sides of each condition', () => {
  const base = { reasons: ['dueForReview' as const], newEvent: false, lastLevel: 3, lastLikelihood: 2, lastImpact: 3, computedLevel: 3 };
  it.each([
    ['merely due, nothing new', base, null],
    ['another reason (overdue action)', { ...base, reasons: ['actionOverdue', 'dueForReview'] }, '另有列入理由'],
    ['another reason (sensitive period)', { ...base, reasons: ['sensitivePeriod', 'dueForReview'] }, '另有列入理由'],
    ['not due for review', { ...base, reasons: ['new'] }, '不是到期研判事项'],
    ['a new event', { ...base, newEvent: true }, '上次研判后有新动态'],
    ['computed level differs', { ...base, computedLevel: 2 }, '计算等级与上次研判等级不同'],
    ['no assessment to keep', { ...base, lastLevel: null, lastLikelihood: null, lastImpact: null }, '没有可沿用的研判记录'],
  ] as const)('%s', (_n, facts, blocker) => expect(consentBlocker(facts as Parameters<typeof consentBlocker>[0])).toBe(blocker));
});

/** A risk with one assessment on 2026-10-01 (一般: 2 × 3 = 6, 20 people) due for review on `next`. */
async function risk(dispatch: Dispatch, title: string, o: { next?: string; likelihood?: number; impact?: number; on?: string; before?: (id: number) => Promise<void> } = {}): Promise<RiskRow> {
  const r = await ok<RiskRow>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title, involvedCount: 20, firstFound: '2026-09-01' });
  await o.before?.(r.id);
  await ok(dispatch, 'assessments.record', { riskId: r.id, likelihood: o.likelihood ?? 2, impact: o.impact ?? 3, assessedOn: o.on ?? '2026-10-01', nextReview: o.next ?? '2026-11-27' });
  return r;
}

async function register() {
  const core = tempCore();
  // The last meeting, after the risks entered the register (so none is 新增).
  await ok(core.dispatch, 'meetings.create', { date: '2026-11-25' });
  return core;
}

async function generate(dispatch: Dispatch, m: MeetingRow) {
  const summary = await ok<ProposalSummary>(dispatch, 'agenda.generate', { meetingId: m.id, asOf: '2026-11-25' });
  const page = async (list: 'main' | 'consent' | 'all') => (await ok<ProposalPage>(dispatch, 'agenda.proposal', { meetingId: m.id, list, pageSize: 100 })).rows.map((r) => r.code);
  return { summary, main: await page('main'), consent: await page('consent'), all: await page('all') };
}

describe('ranked proposal on a constructed register', () => {
  it('ranks by level, reasons, days overdue; the weights in the settings move it', async () => {
    const { dispatch } = await register();
    const x = await risk(dispatch, '甲 重大 当日到期', { likelihood: 5, impact: 5, next: MEETING }); // 40 + 4 = 44
    const y = await risk(dispatch, '乙 一般 超期20天', { next: '2026-11-10' }); // 20 + 4 + 0.5 × 20 = 34
    const z = await risk(dispatch, '丙 一般 交办超期', { next: '2026-11-27' }); // 20 + 8 + 0.5 × max(3, 5) = 30.5
    await ok(dispatch, 'actions.create', { riskIds: [z.id], content: '督促化解', leadUnit: '城关区住建局', issuedAt: '2026-11-01', dueAt: '2026-11-20' });
    const w = await risk(dispatch, '丁 低 当日到期', { likelihood: 1, impact: 2, next: MEETING }); // 10 + 4 = 14
    const m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: MEETING });
    expect((await generate(dispatch, m)).all).toEqual([x.code, y.code, z.code, w.code]);
    // Overdue days weigh 2 a day: 乙 20 + 4 + 40 = 64, 甲 44, 丙 20 + 8 + 10 = 38, 丁 14.
    const s = await ok<AgendaSettings>(dispatch, 'agenda.settings', {});
    await ok(dispatch, 'agenda.settingsUpdate', { ...s, weights: { ...s.weights, overdue: 2 } });
    expect((await generate(dispatch, m)).all).toEqual([y.code, x.code, z.code, w.code]);
  });

  it('consent list: both sides of a new event, an overdue action and a computed level that differs', async () => {
    const { dispatch } = await register();
    const quiet = await risk(dispatch, '平稳 到期');
    const newEvent = await risk(dispatch, '新动态');
    await ok(dispatch, 'events.create', { riskId: newEvent.id, kind: '网上舆情', stage: '苗头', occurredOn: '2026-11-20', source: '网信办' });
    const oldEvent = await risk(dispatch, '旧动态', { before: (id) => ok(dispatch, 'events.create', { riskId: id, kind: '网上舆情', stage: '苗头', occurredOn: '2026-09-15', source: '网信办' }).then(() => undefined) });
    const late = await risk(dispatch, '交办超期');
    await ok(dispatch, 'actions.create', { riskIds: [late.id], content: '约谈', leadUnit: '城关区人社局', issuedAt: '2026-11-01', dueAt: '2026-11-20' });
    const notLate = await risk(dispatch, '交办未到期');
    await ok(dispatch, 'actions.create', { riskIds: [notLate.id], content: '约谈', leadUnit: '城关区人社局', issuedAt: '2026-11-01', dueAt: '2026-12-20' });
    // 150 people: the rule level is 较大 now, not the 一般 of 2026-10-01; 99 people stays 一般.
    const grown = await risk(dispatch, '人数增至150');
    await ok(dispatch, 'risks.update', { id: grown.id, version: (await ok<RiskRow>(dispatch, 'risks.get', { id: grown.id })).version, patch: { involvedCount: 150 } });
    const same = await risk(dispatch, '人数增至99');
    await ok(dispatch, 'risks.update', { id: same.id, version: (await ok<RiskRow>(dispatch, 'risks.get', { id: same.id })).version, patch: { involvedCount: 99 } });
    const m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: MEETING });
    const g = await generate(dispatch, m);
    expect(new Set(g.consent)).toEqual(new Set([quiet.code, oldEvent.code, notLate.code, same.code]));
    expect(new Set(g.main)).toEqual(new Set([newEvent.code, late.code, grown.code]));
    expect(g.summary).toMatchObject({ all: 7, main: 3, consent: 4, consentPending: 4 });
  });

  it('consent list: a sensitive period starting within the window moves an item with 进京 history to the main list', async () => {
    const { dispatch } = await register();
    // 进京 more than 12 months ago: no effect on the rule level, but an escalation trigger. Assessed
    // on 2026-11-01, outside every default period (on 2026-10-01 中秋/国庆 had raised it to 较大).
    const petition = await risk(dispatch, '曾进京', { on: '2026-11-01', before: (id) => ok(dispatch, 'events.create', { riskId: id, kind: '进京', occurredOn: '2025-06-01', count: 2, source: '通报' }).then(() => undefined) });
    const plain = await risk(dispatch, '无进京');
    const m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: MEETING });
    // The rule set escalates from 15 days before a period: 2026-12-16 is 16 days after the meeting.
    const p = await ok<{ id: number; version: number }>(dispatch, 'periods.create', { name: '测试节点', startDate: '2026-12-16', endDate: '2026-12-18', escalation: true });
    expect(new Set((await generate(dispatch, m)).consent)).toEqual(new Set([petition.code, plain.code]));
    await ok(dispatch, 'periods.update', { id: p.id, version: p.version, patch: { startDate: '2026-12-15' } });
    const g = await generate(dispatch, m);
    expect(g.main).toEqual([petition.code]);
    expect(g.consent).toEqual([plain.code]);
  });

  it('confirming the list: one assessment per item, 维持原等级, no override, linked to the meeting; a pulled item is left to the agenda', async () => {
    const { dispatch, db } = await register();
    const items = [await risk(dispatch, '一'), await risk(dispatch, '二'), await risk(dispatch, '三', { likelihood: 4, impact: 4 })]; // 三: 16 → 重大
    let m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: MEETING });
    const g = await generate(dispatch, m);
    expect(new Set(g.consent)).toEqual(new Set(items.map((r) => r.code)));
    // Pull 二 onto the main agenda before the meeting: it keeps its reason, and leaves the consent list.
    m = await ok<MeetingRow>(dispatch, 'agenda.add', { meetingId: m.id, version: m.version, riskIds: [items[1].id] });
    const agenda = (await ok<MeetingDetail>(dispatch, 'meetings.get', { id: m.id })).agenda;
    expect(agenda.map((a) => [a.riskId, a.reasons.map((r) => r.kind)])).toEqual([[items[1].id, ['dueForReview']]]);
    expect((await generate(dispatch, m)).consent).toHaveLength(2);
    const before = db.prepare('SELECT COUNT(*) FROM assessments').pluck().get() as number;
    const r = await ok<{ confirmed: number; movedToAgenda: number }>(dispatch, 'meetings.consentConfirm', { meetingId: m.id, version: m.version });
    expect(r).toEqual({ confirmed: 2, movedToAgenda: 0 });
    expect(db.prepare('SELECT COUNT(*) FROM assessments').pluck().get()).toBe(before + 2);
    const rows = db.prepare('SELECT risk_id, meeting_id, likelihood, impact, final_level, computed_level, override_reason, assessed_on, next_review FROM assessments WHERE meeting_id = ? ORDER BY risk_id').all(m.id);
    expect(rows).toEqual([
      // 一般: next review 30 days on (the rule set's default); dated today, before the meeting day.
      { risk_id: items[0].id, meeting_id: m.id, likelihood: 2, impact: 3, final_level: 3, computed_level: 3, override_reason: null, assessed_on: '2026-11-25', next_review: '2026-12-25' },
      // 重大: weekly.
      { risk_id: items[2].id, meeting_id: m.id, likelihood: 4, impact: 4, final_level: 1, computed_level: 1, override_reason: null, assessed_on: '2026-11-25', next_review: '2026-12-02' },
    ]);
    // Once only: a second confirmation is refused and changes nothing.
    const again = await dispatch('meetings.consentConfirm', { meetingId: m.id, version: (await ok<MeetingDetail>(dispatch, 'meetings.get', { id: m.id })).meeting.version });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(db.prepare('SELECT COUNT(*) FROM assessments').pluck().get()).toBe(before + 2);
    // The 纪要 draft lists them in one paragraph.
    const draft = await ok<{ text: string }>(dispatch, 'meetings.minutesDraft', { id: m.id });
    expect(draft.text).toContain(`以下2件事项维持原等级：${items[2].code} 三；${items[0].code} 一。`); // in rank order: 重大 first
  });

  it('reasons never show a login; 按会议时长选取 fills the meeting in rank order; batch removal', async () => {
    const { dispatch, db } = await register();
    const rs = [];
    for (let i = 0; i < 6; i++) rs.push(await risk(dispatch, `事项${i}`, { likelihood: 5, impact: 5, next: MEETING })); // 重大: 8 minutes each
    // An overdue action puts them all on the main list (same score: the code orders them).
    await ok(dispatch, 'actions.create', { riskIds: rs.map((r) => r.id), content: '督促化解', leadUnit: '城关区住建局', issuedAt: '2026-11-01', dueAt: '2026-11-20' });
    const other = await ok<RiskRow>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '无理由', involvedCount: 3, firstFound: '2026-09-01' });
    let m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: MEETING, lengthMinutes: 30 });
    // 我的周一 reads the stored proposal: none yet, then six on the main list, none on the agenda.
    const notAdded = async () => (await ok<{ agenda: { proposedNotAdded: number | null } }>(dispatch, 'dashboard.monday', { asOf: MEETING })).agenda.proposedNotAdded;
    expect(await notAdded()).toBeNull();
    await ok(dispatch, 'agenda.generate', { meetingId: m.id, asOf: '2026-11-25' });
    expect(await notAdded()).toBe(6);
    // A picked risk with no reason of its own: marked as picked, in domain words (an old row's login is not shown either).
    m = await ok<MeetingRow>(dispatch, 'agenda.add', { meetingId: m.id, version: m.version, riskIds: [other.id] });
    db.prepare("UPDATE agenda_items SET reasons = '[{\"kind\":\"manual\",\"detail\":\"root添加\"}]'").run();
    const picked = (await ok<MeetingDetail>(dispatch, 'meetings.get', { id: m.id })).agenda[0];
    expect(picked.reasons).toEqual([{ kind: 'manual', detail: '研判人员从台账选取' }]);
    // 30 minutes − 2 (the picked 未定级 item) = 28: three 8-minute items fit, the fourth does not.
    m = await ok<MeetingRow>(dispatch, 'agenda.fill', { meetingId: m.id, version: m.version });
    let d = await ok<MeetingDetail>(dispatch, 'meetings.get', { id: m.id });
    expect(d.agenda.map((a) => a.riskCode)).toEqual([other.code, ...rs.slice(0, 3).map((r) => r.code)]);
    expect(d.agenda.reduce((s, a) => s + a.minutes, 0)).toBe(26);
    expect(await notAdded()).toBe(3);
    m = await ok<MeetingRow>(dispatch, 'agenda.removeMany', { meetingId: m.id, version: m.version, itemIds: [d.agenda[0].id, d.agenda[2].id] });
    d = await ok<MeetingDetail>(dispatch, 'meetings.get', { id: m.id });
    expect(d.agenda.map((a) => a.riskCode)).toEqual([rs[0].code, rs[2].code]);
  });
});
